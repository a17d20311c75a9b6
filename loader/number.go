package loader

import (
	"errors"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number in canonical form: ASCII digits, an
// optional leading '-', an optional '.' followed by digits without trailing
// zeros (e.g. "3479000000", "1744.73"). Figures are scaled by powers of ten on
// this form, never by float multiplication, so 34.79亿 is exactly 3479000000.
type Decimal string

// Float64 returns d as a float64 (correctly rounded).
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(string(d), 64)
	return f
}

// IsInt reports whether d has no fractional part.
func (d Decimal) IsInt() bool { return !strings.Contains(string(d), ".") }

// SQLValue returns d as the value to bind in SQLite: an int64 when d is an
// integer that fits, a float64 otherwise.
func (d Decimal) SQLValue() any {
	if d.IsInt() {
		if n, err := strconv.ParseInt(string(d), 10, 64); err == nil {
			return n
		}
	}
	return d.Float64()
}

// Neg returns -d.
func (d Decimal) Neg() Decimal {
	switch {
	case d == "0":
		return d
	case strings.HasPrefix(string(d), "-"):
		return d[1:]
	}
	return "-" + d
}

// Less reports whether d < e.
func (d Decimal) Less(e Decimal) bool { return d.Float64() < e.Float64() }

// Errors a number can fail with, wrapped in *NumError.
var (
	// ErrSyntax means the text is not a number of the form parsed.
	ErrSyntax = errors.New("invalid syntax")
	// ErrRange means the number is too large to store.
	ErrRange = errors.New("value out of range")
)

// NumError records a failed number conversion, as strconv.NumError does.
type NumError struct {
	Func  string // the function that failed
	Input string // the input
	Err   error  // ErrSyntax or ErrRange
}

func (e *NumError) Error() string {
	return "loader." + e.Func + ": parsing " + strconv.Quote(e.Input) + ": " + e.Err.Error()
}

func (e *NumError) Unwrap() error { return e.Err }

// maxDigits bounds the integer digits of a figure so that it fits SQLite's
// 64-bit integers with room to spare.
const maxDigits = 18

// ParseDecimal parses Arabic digits, half- or full-width, with an optional
// fraction ("34.79", "１２", "1,234") and scales the result by 10^exp.
func ParseDecimal(s string, exp int) (Decimal, error) {
	var intPart, frac strings.Builder
	seenPoint := false
	n := 0
	for _, r := range s {
		switch {
		case isDigit(r):
			n++
			if seenPoint {
				frac.WriteRune('0' + digitValue(r))
			} else {
				intPart.WriteRune('0' + digitValue(r))
			}
		case r == ',' || r == '，':
			if seenPoint {
				return "", &NumError{"ParseDecimal", s, ErrSyntax}
			}
		case r == '.' || r == '．':
			if seenPoint {
				return "", &NumError{"ParseDecimal", s, ErrSyntax}
			}
			seenPoint = true
		default:
			return "", &NumError{"ParseDecimal", s, ErrSyntax}
		}
	}
	if n == 0 {
		return "", &NumError{"ParseDecimal", s, ErrSyntax}
	}
	d, err := scale(intPart.String(), frac.String(), exp)
	if err != nil {
		return "", &NumError{"ParseDecimal", s, err}
	}
	return d, nil
}

// scale returns intPart.frac × 10^exp in canonical form.
func scale(intPart, frac string, exp int) (Decimal, error) {
	digits := intPart + frac
	point := len(intPart) + exp // position of the decimal point in digits
	for point > len(digits) {
		digits += "0"
	}
	var ip, fp string
	if point <= 0 {
		ip, fp = "0", strings.Repeat("0", -point)+digits
	} else {
		ip, fp = digits[:point], digits[point:]
	}
	ip = strings.TrimLeft(ip, "0")
	if ip == "" {
		ip = "0"
	}
	fp = strings.TrimRight(fp, "0")
	if len(ip) > maxDigits {
		return "", ErrRange
	}
	if fp == "" {
		return Decimal(ip), nil
	}
	return Decimal(ip + "." + fp), nil
}

// chineseDigits are the values of the Chinese numeral digits.
var chineseDigits = map[rune]int64{
	'〇': 0, '一': 1, '二': 2, '两': 2, '兩': 2, '三': 3, '四': 4,
	'五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// chineseUnits are the multipliers inside a Chinese numeral.
var chineseUnits = map[rune]int64{'十': 10, '百': 100, '千': 1000}

// chineseBigUnits are the section multipliers of a Chinese numeral.
var chineseBigUnits = map[rune]int64{'万': 1e4, '亿': 1e8, '萬': 1e4, '億': 1e8} // and in traditional characters

func isChineseNumeral(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '两', '兩', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '萬', '億':
		return true
	}
	return isTensNumeral(r)
}

// isTensNumeral reports whether r is one of the numerals that write a
// multiple of ten in one character: 廿 (20), 卅 (30), 卌 (40), as Hong Kong
// and Taiwan papers write 廿二萬, 一百卅二.
func isTensNumeral(r rune) bool { return r == '廿' || r == '卅' || r == '卌' }

// isChinesePoint reports whether r is the decimal point of a Chinese
// numeral: 点, or 點 in traditional characters (三点五, 四點四).
func isChinesePoint(r rune) bool { return r == '点' || r == '點' }

// chineseSpelled rewrites the one-character tens and the points of a
// Chinese numeral in the forms ParseChinese reads.
var chineseSpelled = strings.NewReplacer("廿", "二十", "卅", "三十", "卌", "四十", "点", ".", "點", ".")

// ParseChinese parses a Chinese numeral written with unit characters, such as
// 十, 二十一, 三百零五, 两万, 一万二千, 百 (100, as in 百余家), 廿二 (22),
// with an optional decimal part after a point (三点五, 四點四, 三.五): the
// way running text writes counts. Digit strings without units (二〇二二) are
// years, not counts, and fail with ErrSyntax.
func ParseChinese(s string) (Decimal, error) {
	spelled := s
	if strings.ContainsAny(s, "廿卅卌点點") {
		spelled = chineseSpelled.Replace(s)
	}
	intPart, frac, hasFrac := strings.Cut(spelled, ".")
	rs := []rune(intPart)
	if len(rs) == 0 {
		return "", &NumError{"ParseChinese", s, ErrSyntax}
	}
	var total, section, digit int64
	haveDigit := false
	lastUnit := int64(0) // last small unit used in this section, to reject 十十
	for i, r := range rs {
		if r == '零' {
			continue // a placeholder between units: 三百零五
		}
		if v, ok := chineseDigits[r]; ok {
			if haveDigit {
				return "", &NumError{"ParseChinese", s, ErrSyntax} // two digits in a row
			}
			digit, haveDigit = v, true
			continue
		}
		if u, ok := chineseUnits[r]; ok {
			if lastUnit != 0 && u >= lastUnit {
				return "", &NumError{"ParseChinese", s, ErrSyntax}
			}
			if !haveDigit {
				if i != 0 && section != 0 {
					return "", &NumError{"ParseChinese", s, ErrSyntax}
				}
				digit = 1 // 十 = 10, 十五 = 15, 百 = 100
			}
			section += digit * u
			digit, haveDigit, lastUnit = 0, false, u
			continue
		}
		if b, ok := chineseBigUnits[r]; ok {
			section += digit
			if section == 0 {
				if i != 0 {
					return "", &NumError{"ParseChinese", s, ErrSyntax}
				}
				section = 1 // 万 = 10000
			}
			total += section * b
			section, digit, haveDigit, lastUnit = 0, 0, false, 0
			continue
		}
		return "", &NumError{"ParseChinese", s, ErrSyntax}
	}
	total += section + digit
	if !hasFrac {
		return Decimal(strconv.FormatInt(total, 10)), nil
	}
	// 三点五: the digits after the point are read one by one.
	var fd strings.Builder
	for _, r := range frac {
		v, ok := chineseDigits[r]
		if !ok && r != '零' && r != '〇' {
			return "", &NumError{"ParseChinese", s, ErrSyntax}
		}
		fd.WriteByte(byte('0' + v))
	}
	if fd.Len() == 0 || lastUnit != 0 && lastUnit < 10 {
		return "", &NumError{"ParseChinese", s, ErrSyntax}
	}
	d, err := scale(strconv.FormatInt(total, 10), fd.String(), 0)
	if err != nil {
		return "", &NumError{"ParseChinese", s, err}
	}
	return d, nil
}

// isChineseDigit reports whether r is a Chinese digit from 一 to 九 (or 两).
func isChineseDigit(r rune) bool {
	_, ok := chineseDigits[r]
	return ok && r != '〇'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitValue(r rune) rune {
	if r >= '０' && r <= '９' {
		return r - '０'
	}
	return r - '0'
}

func isSpace(r rune) bool { return r == ' ' || r == '\u3000' || r == '\u00a0' }

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// Scale returns d × 10^exp.
func (d Decimal) Scale(exp int) Decimal {
	s := string(d)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	ip, fp, _ := strings.Cut(s, ".")
	r, err := scale(ip, fp, exp)
	if err != nil {
		return d
	}
	if neg {
		return r.Neg()
	}
	return r
}
