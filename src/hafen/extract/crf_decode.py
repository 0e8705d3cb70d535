"""A numpy decoder for the shipped crfsuite model: the same labels and marginals, faster.

crfsuite spends most of its time turning some thirty feature strings per token into C++
objects and looking each up in its dictionary. Here the weights are read once from the
model; each distinct word's feature weights are summed once into a vector per label (its
own, and as seen from each neighbour position), so a sentence costs a few array
additions, and Viterbi runs over all sentences of a document at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, repeat

import numpy as np
import pycrfsuite

from hafen.extract.crf_features import (
    _NEIGHBOURS,
    _PREFIXES,
    OWN_PREFIXES,
    QUOTE_OPEN,
    QUOTE_TOGGLE,
    SHARED_PREFIXES,
    own_values,
    shared_values,
    word_values,
)

_FLOAT = np.float64
_QUOTES = QUOTE_OPEN | QUOTE_TOGGLE


class NumpyTagger:
    """Viterbi labels and per-token marginals of a linear-chain crfsuite model."""

    def __init__(self, tagger: pycrfsuite.Tagger, max_words: int = 200_000) -> None:
        info = tagger.info()
        self.labels: list[str] = list(tagger.labels())
        index = {label: k for k, label in enumerate(self.labels)}
        self._outside = index.get("O", -1)  # the label of no name (-1: the model has none)
        n = len(self.labels)
        self.trans = np.zeros((n, n), dtype=_FLOAT)
        for (a, b), w in info.transitions.items():
            self.trans[index[a], index[b]] = w
        self.exp_trans = np.exp(self.trans)
        attrs: dict[str, int] = {}
        for attr, _label in info.state_features:
            attrs.setdefault(attr, len(attrs) + 1)
        # row 0 stays zero: the index of every attribute the model does not know
        self.matrix = np.zeros((len(attrs) + 1, n), dtype=_FLOAT)
        for (attr, label), w in info.state_features.items():
            self.matrix[attrs[attr], index[label]] = w
        self.attrs = attrs
        self.weights = {attr: self.matrix[k] for attr, k in attrs.items()}
        self.zero = self.matrix[0]
        self.flags = {f: self.weights.get(f, self.zero) for f in ("qmark", "inq", "BOS", "EOS")}
        # the first words of the bigram features the model knows: most pairs need no lookup
        self.bigram_firsts = frozenset(a[3:].split("|", 1)[0] for a in attrs if a.startswith("bi="))
        # attribute rows by feature prefix: a word's values are looked up without building
        # "prefix=value" strings; a value the model lacks maps to row 0 like an unknown string
        families = self._families(attrs)
        self._own_tables = [families.get(p, {}) for p in OWN_PREFIXES]
        self._seen_tables = [
            [families.get(prefix + p, {}) for p in SHARED_PREFIXES[:keep]] for prefix, keep in _PREFIXES
        ]
        self._b = attrs.get("b", 0)
        self.max_words = max_words
        self.slots = len(_PREFIXES) + 1
        # per distinct word: its row in ``_store`` (weights: own, then as seen from each
        # neighbour slot) and its lower-cased form, for bigrams
        self._ids: dict[str, int] = {}
        self._lowers: list[str] = []
        self._store = np.zeros((1024, self.slots, n), dtype=_FLOAT)
        self._starts_bigram = np.zeros(1024, dtype=bool)  # per row: its word begins a known bigram

    @staticmethod
    def _families(attrs: dict[str, int]) -> dict[str, dict[str, int]]:
        """Attribute rows by prefix up to the first "=" and the value after it: "-1w=" -> {"und": 7}.

        Every prefix ends at its only "=", so ``families[prefix][value]`` is ``attrs[prefix + value]``.
        """
        out: dict[str, dict[str, int]] = {}
        for attr, k in attrs.items():
            prefix, eq, value = attr.partition("=")
            if eq:
                out.setdefault(prefix + eq, {})[value] = k
        return out

    def _learn(self, words: list[str]) -> None:
        """Sum the feature weights of words not seen before, all of them in a few array calls.

        The rows are those of ``word_features(w)``'s strings in the same order (so the sums
        are the same to the last bit), looked up by value in per-prefix tables.
        """
        attrs = self.attrs
        own_tables, seen_tables, b = self._own_tables, self._seen_tables, self._b
        count = len(words)
        vals = [word_values(w) for w in words]
        self._lowers.extend([v.lower for v in vals])
        # one column of attribute rows per feature, looked up column by column (``map`` over
        # a table's ``get``: no Python frame per word); then each word's rows in the order of
        # its features: own, flags, then as seen from each neighbour. The segments keep their
        # exact lengths (no padding): reduceat's summation order depends on them
        cols: list[list[int]] = [[b] * count]
        own = zip(*map(own_values, vals), strict=True)
        cols += [list(map(t.get, c, repeat(0))) for t, c in zip(own_tables, own, strict=True)]
        own_width = len(cols)
        flags = [v.flags for v in vals]
        n_flags = np.fromiter(map(len, flags), dtype=np.intp, count=count)
        for k in range(int(n_flags.max())):
            cols.append([attrs.get(f[k], 0) if k < len(f) else 0 for f in flags])
        keep = np.ones((len(cols), count), dtype=bool)
        keep[own_width:] = np.arange(len(cols) - own_width)[:, None] < n_flags[None, :]
        widths = [n_flags + own_width]
        shared = list(zip(*map(shared_values, vals), strict=True))
        for tables in seen_tables:
            cols += [list(map(t.get, c, repeat(0))) for t, c in zip(tables, shared, strict=False)]  # a prefix
            widths.append(np.full(count, min(len(tables), len(shared)), dtype=np.intp))
        index = np.array(cols, dtype=np.intp).T  # word-major: word 0's rows, word 1's, ...
        mask = np.concatenate([keep, np.ones((len(cols) - len(keep), count), dtype=bool)]).T
        lengths = np.stack(widths, axis=1).ravel()
        starts = np.cumsum(lengths) - lengths
        sums = np.add.reduceat(self.matrix[index[mask]], starts, axis=0)
        sums = sums.reshape(count, self.slots, -1)
        first = len(self._ids)
        need = first + len(words)
        if need > len(self._store):
            grown = np.zeros((max(need, 2 * len(self._store)), *self._store.shape[1:]), dtype=_FLOAT)
            grown[:first] = self._store[:first]
            self._store = grown
            starts_bigram = np.zeros(len(grown), dtype=bool)
            starts_bigram[:first] = self._starts_bigram[:first]
            self._starts_bigram = starts_bigram
        self._store[first:need] = sums
        self._starts_bigram[first:need] = [w in self.bigram_firsts for w in self._lowers[first:need]]
        for k, w in enumerate(words, start=first):
            self._ids[w] = k

    def decode(
        self, sentences: Sequence[Sequence[str]], *, tagged_only: bool = False
    ) -> list[tuple[list[int], list[float]]]:
        """For each sentence: its best label indices and the marginal probability of each.

        With ``tagged_only``, a sentence whose best labels are all "O" gets no marginals (an
        empty list): forward-backward then runs only on the others.
        """
        if not sentences:
            return []
        # longest first: the sentences still running at step t are then always the first k
        order = sorted(range(len(sentences)), key=lambda k: -len(sentences[k]))
        padded, lengths = self._emissions([sentences[k] for k in order])
        alive = self._alive(lengths)
        paths = self._viterbi(padded, alive)
        out: list[tuple[list[int], list[float]]] = [([], [])] * len(sentences)
        if tagged_only:
            inside = np.arange(paths.shape[1])[None, :] < lengths[:, None]
            keep = np.flatnonzero(((paths != self._outside) & inside).any(axis=1))
            for k, n, path in zip(order, lengths.tolist(), paths.tolist(), strict=True):
                out[k] = (path[:n], [])
            if not len(keep):
                return out
            order = [order[i] for i in keep.tolist()]  # still longest first
            padded, lengths, paths = padded[keep], lengths[keep], paths[keep]
            longest = int(lengths[0])
            padded, paths = padded[:, :longest], paths[:, :longest]
            alive = self._alive(lengths)
        probs = self._marginals(padded, alive)
        rows = np.arange(len(order))[:, None]
        chosen = probs[rows, np.arange(padded.shape[1])[None, :], paths].tolist()
        for k, n, path, p in zip(order, lengths.tolist(), paths.tolist(), chosen, strict=True):
            out[k] = (path[:n], p[:n])
        return out

    @staticmethod
    def _alive(lengths: np.ndarray) -> list[int]:
        """How many sentences (sorted longest first) still run at each step."""
        longest = int(lengths.max())
        return np.searchsorted(-lengths, -np.arange(longest), side="left").tolist()

    def _emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """State scores (sentences x longest x labels): the sum of each token's feature weights."""
        words = list(chain.from_iterable(sentences))
        lengths = np.fromiter(map(len, sentences), dtype=np.intp, count=len(sentences))
        ids = self._ids
        distinct = list(dict.fromkeys(words))
        if len(ids) + len(distinct) > self.max_words:  # bounded memory: start the table afresh
            ids.clear()
            self._lowers.clear()
        new = [w for w in distinct if w not in ids]
        if new:
            self._learn(new)
        index = np.fromiter(map(ids.__getitem__, words), dtype=np.intp, count=len(words))
        rows = self._store[index]  # tokens x slots x labels
        total = len(words)
        seq_of = np.repeat(np.arange(len(sentences)), lengths)
        firsts = np.cumsum(lengths) - lengths
        pos = np.arange(total) - np.repeat(firsts, lengths)
        scores = rows[:, 0].copy()
        # neighbour slots in _NEIGHBOURS order; a neighbour outside the sentence adds nothing
        for slot, (offset, _keep) in enumerate(_NEIGHBOURS, start=1):
            here = pos + offset
            ok = np.flatnonzero((here >= 0) & (here < lengths[seq_of]))
            scores[ok] += rows[ok + offset, slot]
        flags, weights = self.flags, self.weights
        scores[firsts] += flags["BOS"]
        scores[firsts + lengths - 1] += flags["EOS"]
        # bigrams: only where the word before (in the same sentence) starts one the model knows
        after_first = np.flatnonzero(self._starts_bigram[index[:-1]] & (pos[1:] > 0)) + 1
        if len(after_first):
            lowers, at, vecs = self._lowers, [], []
            for i, prev, cur in zip(
                after_first.tolist(),
                index[after_first - 1].tolist(),
                index[after_first].tolist(),
                strict=True,
            ):
                vec = weights.get("bi=" + lowers[prev] + "|" + lowers[cur])
                if vec is not None:
                    at.append(i)
                    vecs.append(vec)
            if at:
                scores[at] += np.array(vecs)
        marks: list[int] = []
        inq: list[int] = []
        k = 0
        for sent in sentences:
            if not _QUOTES.isdisjoint(sent):
                inside = False
                for i, w in enumerate(sent, start=k):
                    if w in QUOTE_OPEN:
                        inside = True
                        marks.append(i)
                    elif w in QUOTE_TOGGLE:
                        inside = not inside
                        marks.append(i)
                    elif inside:
                        inq.append(i)
            k += len(sent)
        scores[marks] += flags["qmark"]
        scores[inq] += flags["inq"]
        padded = np.zeros((len(sentences), int(lengths.max()), len(self.labels)), dtype=_FLOAT)
        padded[seq_of, pos] = scores
        return padded, lengths

    def _viterbi(self, padded: np.ndarray, alive: list[int]) -> np.ndarray:
        """Best label index per token (sentences x longest), sentences sorted longest first."""
        count, longest, n = padded.shape
        delta = padded[:, 0].copy()
        back = np.zeros(padded.shape, dtype=np.intp)
        # cand[s, to, from]: the argmax runs over the last, contiguous axis (the same first
        # maximum as over "from" in any layout), and the maximum is read at it: both faster
        # than numpy's max over a short axis
        trans_t = np.ascontiguousarray(self.trans.T)[None]
        cand_buf = np.empty((count, n, n), dtype=_FLOAT)
        flat = np.arange(count * n) * n
        for t in range(1, longest):
            k = alive[t]
            cand = np.add(delta[:k, None, :], trans_t, out=cand_buf[:k])
            best = back[:k, t]
            cand.argmax(axis=2, out=best)
            head = delta[:k]
            np.take(cand, flat[: k * n] + best.ravel(), out=head.reshape(-1))
            head += padded[:k, t]
        label = delta.argmax(axis=1)  # a finished sentence's scores stay as they were at its end
        out = np.zeros((count, longest), dtype=np.intp)
        rows = np.arange(count)
        for t in range(longest - 1, -1, -1):
            k = alive[t]
            out[:k, t] = label[:k]
            if t:
                label[:k] = back[rows[:k], t, label[:k]]
        return out

    def _marginals(self, padded: np.ndarray, alive: list[int]) -> np.ndarray:
        """P(label at token) (sentences x longest x labels) by scaled forward-backward."""
        # time-major (longest x sentences x labels): each step's rows lie together in memory
        state = np.exp(padded - padded.max(axis=2, keepdims=True)).transpose(1, 0, 2).copy()
        longest = state.shape[0]
        alpha = np.ones_like(state)
        beta = np.ones_like(state)  # 1 at each sentence's last token
        alpha[0] = state[0] / state[0].sum(axis=1, keepdims=True)
        exp_trans, exp_trans_t = self.exp_trans, self.exp_trans.T
        for t in range(1, longest):
            k = alive[t]
            a = (alpha[t - 1, :k] @ exp_trans) * state[t, :k]
            alpha[t, :k] = a / a.sum(axis=1, keepdims=True)
        for t in range(longest - 2, -1, -1):
            k = alive[t + 1]
            b = (state[t + 1, :k] * beta[t + 1, :k]) @ exp_trans_t
            beta[t, :k] = b / b.sum(axis=1, keepdims=True)
        probs = alpha * beta
        return (probs / probs.sum(axis=2, keepdims=True)).transpose(1, 0, 2)
