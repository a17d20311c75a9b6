// Package hanscript writes Chinese text in simplified characters, so that
// a measure named on a page in traditional characters (醫療衛生機構總數, a
// Hong Kong or Taiwan paper, a BIG5 edition) lines up with the same measure
// named in simplified ones (医疗卫生机构总数). It converts with OpenCC's
// traditional-to-simplified tables, phrases first, then characters.
package hanscript

import (
	"sync"

	"github.com/longbridgeapp/opencc"
)

var converter = sync.OnceValue(func() *opencc.OpenCC {
	cc, err := opencc.New("t2s")
	if err != nil {
		panic("hanscript: OpenCC's t2s tables do not load: " + err.Error())
	}
	return cc
})

// changed caches, for each character looked up, whether its simplified
// form differs: most text is simplified already, and is returned as it is
// without a conversion.
var changed struct {
	sync.RWMutex
	m map[rune]bool
}

// Simplified returns s written in simplified characters. Text with no
// traditional character is returned unchanged, and so is everything that
// is not a Han character.
func Simplified(s string) string {
	for _, r := range s {
		if r >= 0x3400 && differs(r) {
			out, err := converter().Convert(s)
			if err != nil {
				return s
			}
			return out
		}
	}
	return s
}

// differs reports whether r is written otherwise in simplified characters.
func differs(r rune) bool {
	changed.RLock()
	d, ok := changed.m[r]
	changed.RUnlock()
	if ok {
		return d
	}
	out, err := converter().Convert(string(r))
	d = err == nil && out != string(r)
	changed.Lock()
	if changed.m == nil {
		changed.m = map[rune]bool{}
	}
	changed.m[r] = d
	changed.Unlock()
	return d
}

// Traditional reports whether s reads as text in traditional characters:
// at least 3 of its Han characters, and one in twenty, are written otherwise
// in simplified ones. A simplified page that names a few traditional words
// (乾隆) is not.
func Traditional(s string) bool {
	han, differ := 0, 0
	for _, r := range s {
		if r < 0x3400 {
			continue
		}
		han++
		if differs(r) {
			differ++
		}
	}
	return differ >= 3 && differ*20 >= han
}
