"""A numpy decoder for the shipped crfsuite model: the same labels and marginals, faster.

crfsuite spends most of its time turning some thirty feature strings per token into C++
objects and looking each up in its dictionary. Here the weights are read once from the
model; each distinct word's feature weights are summed once into a vector per label (its
own, and as seen from each neighbour position), so a sentence costs a few array
additions, and Viterbi runs over all sentences of a document at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pycrfsuite

from hafen.extract.crf_features import _NEIGHBOURS, QUOTE_OPEN, QUOTE_TOGGLE, word_features

_FLOAT = np.float64
_QUOTES = QUOTE_OPEN | QUOTE_TOGGLE


class NumpyTagger:
    """Viterbi labels and per-token marginals of a linear-chain crfsuite model."""

    def __init__(self, tagger: pycrfsuite.Tagger, max_words: int = 200_000) -> None:
        info = tagger.info()
        self.labels: list[str] = list(tagger.labels())
        index = {label: k for k, label in enumerate(self.labels)}
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
        self.max_words = max_words
        self.slots = len(_NEIGHBOURS) + 1
        # per distinct word: its row in ``_store`` (weights: own, then as seen from each
        # neighbour slot) and its lower-cased form, for bigrams
        self._ids: dict[str, int] = {}
        self._lowers: list[str] = []
        self._store = np.zeros((1024, self.slots, n), dtype=_FLOAT)

    def _learn(self, words: list[str]) -> None:
        """Sum the feature weights of words not seen before, all of them in two array calls."""
        attrs = self.attrs
        flat: list[int] = []
        starts: list[int] = []
        for w in words:
            own, seen_as = word_features(w)
            self._lowers.append(own[1][2:])
            for feats in (own, *seen_as):
                starts.append(len(flat))
                flat.extend([attrs.get(f, 0) for f in feats])  # never empty: unknown -> row 0
        sums = np.add.reduceat(self.matrix[flat], starts, axis=0).reshape(len(words), self.slots, -1)
        first = len(self._ids)
        need = first + len(words)
        if need > len(self._store):
            grown = np.zeros((max(need, 2 * len(self._store)), *self._store.shape[1:]), dtype=_FLOAT)
            grown[:first] = self._store[:first]
            self._store = grown
        self._store[first:need] = sums
        for k, w in enumerate(words, start=first):
            self._ids[w] = k

    def decode(self, sentences: Sequence[Sequence[str]]) -> list[tuple[list[int], list[float]]]:
        """For each sentence: its best label indices and the marginal probability of each."""
        if not sentences:
            return []
        # longest first: the sentences still running at step t are then always the first k
        order = sorted(range(len(sentences)), key=lambda k: -len(sentences[k]))
        padded, lengths = self._emissions([sentences[k] for k in order])
        alive = [int(np.count_nonzero(lengths > t)) for t in range(padded.shape[1])]
        paths = self._viterbi(padded, alive)
        probs = self._marginals(padded, alive)
        rows = np.arange(len(sentences))[:, None]
        chosen = probs[rows, np.arange(padded.shape[1])[None, :], paths].tolist()
        out: list[tuple[list[int], list[float]]] = [([], [])] * len(sentences)
        for k, n, path, p in zip(order, lengths.tolist(), paths.tolist(), chosen, strict=True):
            out[k] = (path[:n], p[:n])
        return out

    def _emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """State scores (sentences x longest x labels): the sum of each token's feature weights."""
        words = [w for s in sentences for w in s]
        lengths = np.array([len(s) for s in sentences])
        ids = self._ids
        distinct = list(dict.fromkeys(words))
        if len(ids) + len(distinct) > self.max_words:  # bounded memory: start the table afresh
            ids.clear()
            self._lowers.clear()
        new = [w for w in distinct if w not in ids]
        if new:
            self._learn(new)
        index = [ids[w] for w in words]
        rows = self._store[index]  # tokens x slots x labels
        all_lowers = self._lowers
        lowers = [all_lowers[k] for k in index]
        total = len(words)
        seq_of = np.repeat(np.arange(len(sentences)), lengths)
        pos = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        scores = rows[:, 0].copy()
        # neighbour slots in _NEIGHBOURS order; a neighbour outside the sentence adds nothing
        for slot, (offset, _keep) in enumerate(_NEIGHBOURS, start=1):
            here = pos + offset
            ok = np.flatnonzero((here >= 0) & (here < lengths[seq_of]))
            scores[ok] += rows[ok + offset, slot]
        flags, weights, firsts_of_bigrams = self.flags, self.weights, self.bigram_firsts
        firsts = np.cumsum(lengths) - lengths
        scores[firsts] += flags["BOS"]
        scores[firsts + lengths - 1] += flags["EOS"]
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
            for i in range(k + 1, k + len(sent)):
                if lowers[i - 1] in firsts_of_bigrams:
                    vec = weights.get("bi=" + lowers[i - 1] + "|" + lowers[i])
                    if vec is not None:
                        scores[i] += vec
            k += len(sent)
        scores[marks] += flags["qmark"]
        scores[inq] += flags["inq"]
        padded = np.zeros((len(sentences), int(lengths.max()), len(self.labels)), dtype=_FLOAT)
        padded[seq_of, pos] = scores
        return padded, lengths

    def _viterbi(self, padded: np.ndarray, alive: list[int]) -> np.ndarray:
        """Best label index per token (sentences x longest), sentences sorted longest first."""
        count, longest, _ = padded.shape
        delta = padded[:, 0].copy()
        back = np.zeros(padded.shape, dtype=np.intp)
        trans = self.trans[None]
        for t in range(1, longest):
            k = alive[t]
            cand = delta[:k, :, None] + trans
            back[:k, t] = cand.argmax(axis=1)
            delta[:k] = cand.max(axis=1) + padded[:k, t]
        label = delta.argmax(axis=1)  # a finished sentence's scores stay as they were at its end
        out = np.zeros((count, longest), dtype=np.intp)
        for t in range(longest - 1, -1, -1):
            k = alive[t]
            out[:k, t] = label[:k]
            if t:
                label[:k] = back[np.arange(k), t, label[:k]]
        return out

    def _marginals(self, padded: np.ndarray, alive: list[int]) -> np.ndarray:
        """P(label at token) (sentences x longest x labels) by scaled forward-backward."""
        _, longest, _ = padded.shape
        state = np.exp(padded - padded.max(axis=2, keepdims=True))
        alpha = np.ones_like(state)
        beta = np.ones_like(state)  # 1 at each sentence's last token
        alpha[:, 0] = state[:, 0] / state[:, 0].sum(axis=1, keepdims=True)
        exp_trans, exp_trans_t = self.exp_trans, self.exp_trans.T
        for t in range(1, longest):
            k = alive[t]
            a = (alpha[:k, t - 1] @ exp_trans) * state[:k, t]
            alpha[:k, t] = a / a.sum(axis=1, keepdims=True)
        for t in range(longest - 2, -1, -1):
            k = alive[t + 1]
            b = (state[:k, t + 1] * beta[:k, t + 1]) @ exp_trans_t
            beta[:k, t] = b / b.sum(axis=1, keepdims=True)
        probs = alpha * beta
        return probs / probs.sum(axis=2, keepdims=True)
