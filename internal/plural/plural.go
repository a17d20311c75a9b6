// Package plural writes counts in English with the noun in the right
// number: "1 row", "0 rows", "5 rows".
package plural

import "strconv"

// Count returns n followed by one when n is 1 and by many otherwise, as in
// Count(1, "row", "rows") = "1 row" and Count(0, "row", "rows") = "0 rows".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
