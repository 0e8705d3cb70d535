"""A numpy decoder for the shipped crfsuite model: the same labels and marginals, faster.

crfsuite spends most of its time turning some thirty feature strings per token into C++
objects and looking each up in its dictionary. Here the weights are read once from the
model; each distinct word's feature weights are summed once into a vector per label (its
own, and as seen from each neighbour position), so a sentence costs a few array
additions, and Viterbi runs over all sentences of a document at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain, filterfalse, repeat

import numpy as np
import pycrfsuite

from hafen.extract.crf_features import (
    _NEIGHBOURS,
    _PREFIXES,
    OWN_PREFIXES,
    QUOTE_OPEN,
    QUOTE_TOGGLE,
    SHARED_PREFIXES,
    own_columns,
    shared_columns,
    word_values,
)

_FLOAT = np.float64
_QUOTES = QUOTE_OPEN | QUOTE_TOGGLE
# a bigram key part below minus every key: a pair with it sums below zero
_NO_BIGRAM = -(2**40)
# ndarray.sum without its Python wrapper (the same reduction)
_sum = np.add.reduce


class NumpyTagger:
    """Viterbi labels and per-token marginals of a linear-chain crfsuite model."""

    def __init__(self, tagger: pycrfsuite.Tagger, max_words: int = 200_000) -> None:
        info = tagger.info()
        self.labels: list[str] = list(tagger.labels())
        # each label split once into (kind, "-", type): "B-ORG" -> ("B", "-", "ORG")
        self.label_parts = [label.partition("-") for label in self.labels]
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
        self._bigrams(attrs)
        # attribute rows by feature prefix: a word's values are looked up without building
        # "prefix=value" strings; a value the model lacks maps to row 0 like an unknown string
        families = self._families(attrs)
        self._own_tables = [families.get(p, {}) for p in OWN_PREFIXES]
        self._seen_tables = [
            [families.get(prefix + p, {}) for p in SHARED_PREFIXES[:keep]] for prefix, keep in _PREFIXES
        ]
        # rows of the neighbour slots (all summed one by one: see ``_learn``)
        self._seen_width = max(map(len, self._seen_tables))
        assert self._seen_width <= 8
        self._b = attrs.get("b", 0)
        self.max_words = max_words
        self.slots = len(_PREFIXES) + 1
        # per distinct word: its row in ``_store``, which holds per slot (its own weights, then
        # as seen from each neighbour position) one vector per row; row 0 is no word, all zero,
        # and its bigram key parts (see ``_bigrams``)
        self._ids: dict[str, int] = {}
        self._store = np.zeros((self.slots, 1024, n), dtype=_FLOAT)
        self._first_key = np.full(1024, _NO_BIGRAM, dtype=np.intp)
        self._second_key = np.full(1024, _NO_BIGRAM, dtype=np.intp)

    def _bigrams(self, attrs: dict[str, int]) -> None:
        """Integer keys of the bigram features the model knows ("bi=<lower>|<lower>").

        A pair's key is its first word's code times the number of second words plus the
        second word's code; a word's row keeps both parts (``_NO_BIGRAM`` where the word
        begins or ends no known bigram), so a pair of tokens is looked up by adding two
        numbers. Words may contain "|": every "|" of a feature is taken as the separator once.
        """
        firsts: dict[str, int] = {}
        seconds: dict[str, int] = {}
        pairs: list[tuple[int, int, int]] = []
        for attr, k in attrs.items():
            if attr.startswith("bi="):
                pair = attr[3:]
                for at in (i for i, c in enumerate(pair) if c == "|"):
                    first = firsts.setdefault(pair[:at], len(firsts))
                    pairs.append((first, seconds.setdefault(pair[at + 1 :], len(seconds)), k))
        self._bigram_firsts, self._bigram_seconds = firsts, seconds
        keyed = sorted((first * len(seconds) + second, k) for first, second, k in pairs)
        # a last key above all others: a search never runs past the end
        self._bigram_keys = np.array([key for key, _ in keyed] + [len(firsts) * len(seconds)], dtype=np.intp)
        self._bigram_rows = np.array([k for _, k in keyed] + [0], dtype=np.intp)

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

        The rows are those of ``word_features(w)``'s strings, looked up by value in
        per-prefix tables, and summed as ``np.add.reduceat`` sums each slot's rows (see
        ``_segment_sums``): the same to the last bit as the strings' rows always were.
        """
        attrs, matrix = self.attrs, self.matrix
        count = len(words)
        vals = [word_values(w) for w in words]
        # one column of attribute rows per feature, looked up column by column (``map`` over
        # a table's ``get``: no Python frame per word): a word's own features, its flags (row
        # 0 past a word's last), and per neighbour slot the features seen from there
        own = [[self._b] * count]
        values = own_columns(vals)
        own += [list(map(t.get, c, repeat(0))) for t, c in zip(self._own_tables, values, strict=True)]
        flags = [v.flags for v in vals]
        n_flags = list(map(len, flags))
        own_rows = len(own) - 1  # after the first, without flags
        own += [[attrs.get(f[k], 0) if k < len(f) else 0 for f in flags] for k in range(max(n_flags))]
        sums = [self._own_sums(matrix[np.array(own, dtype=np.intp)], [own_rows + f for f in n_flags])]
        # the neighbour slots all at once: a shorter slot gets zero rows after its last, which
        # add nothing while no slot has eight rows after its first (``_segment_sums``)
        shared = shared_columns(vals)
        empty = [0] * count
        seen: list[list[list[int]]] = []
        for tables in self._seen_tables:
            slot = [list(map(t.get, c, repeat(0))) for t, c in zip(tables, shared, strict=False)]  # a prefix
            seen.append(slot + [empty] * (self._seen_width - len(slot)))
        # rows x slots x words (x labels): the i-th row of each slot of each word
        sums.extend(_segment_sums(matrix[np.array(seen, dtype=np.intp).transpose(1, 0, 2)]))
        first = len(self._ids) + 1  # after row 0, no word
        need = first + count
        if need > self._store.shape[1]:
            self._grow(max(need, 2 * self._store.shape[1]))
        self._store[:, first:need] = sums
        lowers = [v.lower for v in vals]
        firsts, seconds = self._bigram_firsts, self._bigram_seconds
        width = len(seconds)
        self._first_key[first:need] = [firsts[w] * width if w in firsts else _NO_BIGRAM for w in lowers]
        self._second_key[first:need] = [seconds.get(w, _NO_BIGRAM) for w in lowers]
        self._ids.update(zip(words, range(first, need), strict=True))

    @staticmethod
    def _own_sums(rows: np.ndarray, added: list[int]) -> np.ndarray:
        """The own slot of each word: ``rows[i]`` holds every word's i-th row, and word w has
        ``added[w]`` rows after its first, then zero rows (it has fewer flags than another).

        Zero rows at the end of a segment add nothing as long as they do not change its
        number of whole blocks of eight (``_segment_sums``): the words are summed in groups
        with the same number, each group's rows cut after its longest segment.
        """
        blocks = [n // 8 for n in added]
        if min(blocks) == max(blocks):
            return _segment_sums(rows[: max(added) + 1])
        out = np.empty(rows.shape[1:], dtype=_FLOAT)
        for group in set(blocks):
            members = [w for w, b in enumerate(blocks) if b == group]
            out[members] = _segment_sums(rows[: max(added[w] for w in members) + 1, members])
        return out

    def _grow(self, rows: int) -> None:
        """Room for ``rows`` word rows, the rows so far kept."""
        used = len(self._ids) + 1
        store = np.zeros((self.slots, rows, self._store.shape[2]), dtype=_FLOAT)
        store[:, :used] = self._store[:, :used]
        self._store = store
        for name in ("_first_key", "_second_key"):
            keys = np.full(rows, _NO_BIGRAM, dtype=np.intp)
            keys[:used] = getattr(self, name)[:used]
            setattr(self, name, keys)

    def decode(
        self, sentences: Sequence[Sequence[str]], *, tagged_only: bool = False
    ) -> list[tuple[list[int], list[float]]]:
        """For each sentence: its best label indices and the marginal probability of each.

        With ``tagged_only``, a sentence whose best labels are all "O" gets no marginals (an
        empty list): forward-backward then runs only on the others.
        """
        out: list[tuple[list[int], list[float]]] = [([], [])] * len(sentences)
        # longest first: the sentences still running at step t are then always the first k
        # (an empty sentence has no labels and stays out)
        order = sorted((k for k, sent in enumerate(sentences) if sent), key=lambda k: -len(sentences[k]))
        if not order:
            return out
        scores, lengths = self._emissions([sentences[k] for k in order])
        paths = self._viterbi(scores, lengths)
        if tagged_only:
            for k, path in zip(order, paths, strict=True):
                out[k] = (path, [])
            keep = [i for i, path in enumerate(paths) if path.count(self._outside) < len(path)]
            if not keep:
                return out
            if len(keep) < len(paths):  # still longest first
                order = [order[i] for i in keep]
                paths = [paths[i] for i in keep]
                lengths = [lengths[i] for i in keep]
                scores = scores[: lengths[0], keep]
        probs = self._marginals(scores, lengths)
        for k, path, chosen in zip(order, paths, _along(probs, paths, lengths), strict=True):
            out[k] = (path, chosen)
        return out

    @staticmethod
    def _alive(lengths: list[int]) -> list[int]:
        """How many sentences (sorted longest first) still run at each step."""
        alive: list[int] = []
        k = len(lengths)
        for t in range(lengths[0]):
            while lengths[k - 1] <= t:
                k -= 1
            alive.append(k)
        return alive

    def _emissions(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[int]]:
        """State scores, time-major (longest x sentences x labels), and the sentence lengths.

        A token's score is the sum of its feature weights; past a sentence's end it is zero.
        """
        ids = self._ids
        distinct = dict.fromkeys(chain.from_iterable(sentences))
        if len(ids) + len(distinct) > self.max_words:  # bounded memory: start the table afresh
            ids.clear()
        new = list(filterfalse(ids.__contains__, distinct))
        if new:
            self._learn(new)
        # all tokens' rows in one line, with two empty slots (row 0: no word) before, between
        # and after the sentences: a neighbour up to two tokens away lies inside the sentence
        # or adds a zero row, and x + 0.0 is x (a missing neighbour used to add nothing)
        get = ids.__getitem__
        line = [0, 0]
        starts: list[int] = []
        for sent in sentences:
            starts.append(len(line))
            line += map(get, sent)
            line += (0, 0)
        rows = np.array(line, dtype=np.intp)
        size = len(line)
        store = self._store
        scores = np.empty((size + 1, len(self.labels)), dtype=_FLOAT)
        scores[size] = 0.0  # the row read past a sentence's end
        line_scores = scores[:size]
        store[0].take(rows, axis=0, out=line_scores)
        # the neighbour slots in _NEIGHBOURS order: the summation order of the feature strings
        for slot, (offset, _keep) in enumerate(_NEIGHBOURS, start=1):
            if offset < 0:
                line_scores[-offset:] += store[slot].take(rows[:offset], axis=0)
            else:
                line_scores[:-offset] += store[slot].take(rows[offset:], axis=0)
        lengths = list(map(len, sentences))
        firsts = np.array(starts, dtype=np.intp)
        flags = self.flags
        line_scores[firsts] += flags["BOS"]
        line_scores[firsts + np.array(lengths, dtype=np.intp) - 1] += flags["EOS"]
        self._add_bigrams(line_scores, rows)
        marks: list[int] = []
        inq: list[int] = []
        for start, sent in zip(starts, sentences, strict=True):
            if not _QUOTES.isdisjoint(sent):
                inside = False
                for i, w in enumerate(sent, start=start):
                    if w in QUOTE_OPEN:
                        inside = True
                        marks.append(i)
                    elif w in QUOTE_TOGGLE:
                        inside = not inside
                        marks.append(i)
                    elif inside:
                        inq.append(i)
        if marks:
            line_scores[marks] += flags["qmark"]
        if inq:
            line_scores[inq] += flags["inq"]
        steps = np.arange(lengths[0])[:, None]
        at = firsts + steps  # (longest, sentences): each token's place in the line
        at[steps >= np.array(lengths)] = size
        return scores[at], lengths

    def _add_bigrams(self, scores: np.ndarray, rows: np.ndarray) -> None:
        """Add the weights of the known bigrams to the scores of their second words."""
        keys = self._first_key[rows[:-1]] + self._second_key[rows[1:]]
        pairs = np.flatnonzero(keys >= 0)  # both words have a key part (an empty slot has none)
        if not len(pairs):
            return
        keys = keys[pairs]
        found = np.searchsorted(self._bigram_keys, keys)
        known = self._bigram_keys[found] == keys
        if known.any():
            scores[pairs[known] + 1] += self.matrix[self._bigram_rows[found[known]]]

    def _viterbi(self, scores: np.ndarray, lengths: list[int]) -> list[list[int]]:
        """Best label indices of each sentence (sorted longest first; ``scores`` time-major)."""
        alive = self._alive(lengths)
        longest, count, n = scores.shape
        delta = scores[0].copy()
        back = np.empty((longest, count, n), dtype=np.intp)
        # cand[s, to, from]: the argmax runs over the last, contiguous axis (the same first
        # maximum as over "from" in any layout), and the maximum is read at it: both faster
        # than numpy's max over a short axis
        trans_t = np.ascontiguousarray(self.trans.T)[None]
        cand_buf = np.empty((count, n, n), dtype=_FLOAT)
        index_buf = np.empty((count, n), dtype=np.intp)
        offsets = np.arange(count * n, dtype=np.intp).reshape(count, n) * n  # of cand[s, to, 0]
        k = 0
        for t in range(1, longest):
            if alive[t] != k:  # views of the sentences still running, made anew as one ends
                k = alive[t]
                head, cand, index, offset = delta[:k], cand_buf[:k], index_buf[:k], offsets[:k]
                source = head[:, None, :]
            np.add(source, trans_t, out=cand)
            best = back[t, :k]
            cand.argmax(axis=2, out=best)
            np.add(best, offset, out=index)
            cand.take(index, out=head, mode="clip")  # "clip": no checked copy (all in range)
            head += scores[t, :k]
        # a finished sentence's scores stay as they were at its end
        ends = delta.argmax(axis=1).tolist()
        pointers = back.data  # a memoryview: Python ints one at a time, without numpy scalars
        paths: list[list[int]] = []
        for s, (length, label) in enumerate(zip(lengths, ends, strict=True)):
            path = [label] * length
            for t in range(length - 1, 0, -1):
                label = pointers[t, s, label]
                path[t - 1] = label
            paths.append(path)
        return paths

    def _marginals(self, scores: np.ndarray, lengths: list[int]) -> np.ndarray:
        """P(label at token), time-major (longest x sentences x labels), by scaled forward-backward."""
        alive = self._alive(lengths)
        state = np.exp(scores - scores.max(axis=2, keepdims=True))
        longest = state.shape[0]
        alpha = np.ones(state.shape, dtype=_FLOAT)
        beta = np.ones(state.shape, dtype=_FLOAT)  # 1 at each sentence's last token
        alpha[0] = state[0] / state[0].sum(axis=1, keepdims=True)
        exp_trans, exp_trans_t = self.exp_trans, self.exp_trans.T
        for t in range(1, longest):
            k = alive[t]
            a = alpha[t - 1, :k] @ exp_trans
            a *= state[t, :k]
            np.divide(a, _sum(a, axis=1, keepdims=True), out=alpha[t, :k])
        for t in range(longest - 2, -1, -1):
            k = alive[t + 1]
            b = (state[t + 1, :k] * beta[t + 1, :k]) @ exp_trans_t
            np.divide(b, _sum(b, axis=1, keepdims=True), out=beta[t, :k])
        probs = alpha * beta
        return probs / probs.sum(axis=2, keepdims=True)


def _segment_sums(rows: np.ndarray) -> np.ndarray:
    """``np.add.reduceat`` over segments of ``len(rows)`` rows each, for many segments at once.

    ``rows[i]`` holds the i-th row of every segment. reduceat adds each segment's first row to
    numpy's pairwise sum of the others: below eight rows one by one (from zero: the same as
    from the first row but for the sign of a zero sum, which changes no score); else eight
    interleaved partial sums over the whole blocks of eight, joined as
    ((0+1)+(2+3))+((4+5)+(6+7)), and the rest one by one (past 128 rows it halves the rows:
    not needed here). The same additions in the same order give the same sums to the last bit.
    """
    first, rest = rows[0], rows[1:]
    n = len(rest)
    if not n:
        return first.copy()
    if n < 8:
        total, done = rest[0].copy(), 1
    else:
        assert n <= 128, "numpy sums a segment this long in halves"
        done = n - n % 8  # the rows in whole blocks of eight
        partial = rest[:8].copy()
        for i in range(8, done, 8):
            partial += rest[i : i + 8]
        pairs = partial[0::2] + partial[1::2]
        total = (pairs[0] + pairs[1]) + (pairs[2] + pairs[3])
    for row in rest[done:]:
        total += row
    return first + total


def _along(probs: np.ndarray, paths: list[list[int]], lengths: list[int]) -> list[list[float]]:
    """Each sentence's probabilities of its own labels, read from time-major ``probs``."""
    _longest, count, n = probs.shape
    total = sum(lengths)
    labels = np.fromiter(chain.from_iterable(paths), dtype=np.intp, count=total)
    sizes = np.array(lengths, dtype=np.intp)
    sentence = np.repeat(np.arange(count), sizes)
    step = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    flat = probs.take((step * count + sentence) * n + labels).tolist()
    out: list[list[float]] = []
    at = 0
    for length in lengths:
        out.append(flat[at : at + length])
        at += length
    return out
