package assessment

import (
	"crypto/rand"
	"encoding/binary"
	mrand "math/rand/v2"

	"ecomops/internal/platform/apperr"
)

// ref names a question version.
type ref struct {
	QuestionID int64
	VersionID  int64
}

// slot is one question of a drawn paper.
type slot struct {
	ref
	PointsC int
}

// newSeed returns a random non-negative 63-bit seed for an attempt.
func newSeed() int64 {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return int64(binary.LittleEndian.Uint64(b[:]) >> 1)
}

// drawRNG is the random source of one attempt: the same seed gives the same
// sequence on every machine and Go version (PCG is specified).
func drawRNG(seed int64) *mrand.Rand {
	return mrand.New(mrand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
}

// drawPaper lays out a paper for one attempt from its seed:
//
//   - fixed: the pinned items in order, shuffled when ShuffleQuestions;
//   - rules: for each rule in order, Count questions drawn without
//     replacement from pools[i] (that rule's candidates, sorted by question
//     id), skipping questions an earlier rule already drew; the rules' blocks
//     stay in order and the whole paper is shuffled when ShuffleQuestions.
//
// It is a pure function of its inputs: an attempt's paper is reproducible
// from its stored seed and the bank as it was, and the drawn versions are
// stored with the attempt anyway. Errors: invalid when a rule's pool is too
// small.
func drawPaper(rng *mrand.Rand, p Paper, pools [][]ref) ([]slot, error) {
	var out []slot
	if p.Mode == PaperFixed {
		for _, it := range p.Items {
			out = append(out, slot{ref{it.QuestionID, it.QuestionVersionID}, centi(it.Points)})
		}
	} else {
		used := map[int64]bool{}
		for i, r := range p.Rules {
			var pool []ref
			if i < len(pools) {
				for _, c := range pools[i] {
					if !used[c.QuestionID] {
						pool = append(pool, c)
					}
				}
			}
			if len(pool) < r.Count {
				return nil, apperr.Refuse(apperr.Invalid, apperr.Because("paper_rule_short", apperr.P{"title": p.Title, "rule": i + 1, "count": r.Count, "available": len(pool)}),
					"rule %d of paper %q needs %d questions but the bank has %d that match", i+1, p.Title, r.Count, len(pool))
			}
			// partial Fisher-Yates: the first Count places are the draw
			for j := 0; j < r.Count; j++ {
				k := j + rng.IntN(len(pool)-j)
				pool[j], pool[k] = pool[k], pool[j]
				used[pool[j].QuestionID] = true
				out = append(out, slot{pool[j], centi(r.Points)})
			}
		}
	}
	if p.ShuffleQuestions {
		rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	}
	return out, nil
}

// optionOrder returns the order in which an attempt shows a question's
// options: the author's order, or a permutation drawn from rng.
func optionOrder(rng *mrand.Rand, v QuestionVersion, shuffle bool) []string {
	keys := make([]string, len(v.Options))
	for i, o := range v.Options {
		keys[i] = o.Key
	}
	if shuffle && len(keys) > 1 {
		rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	}
	return keys
}
