package loader

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestDumpBlocks(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("F"))
	text := []rune(string(b))
	start := strings.Index(string(b), os.Getenv("S"))
	st := len([]rune(string(b)[:max(start, 0)]))
	for _, bl := range segmentBlocks(text, Span{st, len(text)}) {
		if bl.Table == nil {
			fmt.Printf("PARA %q\n", string(text[bl.Start:min(bl.End, bl.Start+40)]))
			continue
		}
		tb := bl.Table
		fmt.Printf("TABLE cols=%d label=%d unit=%d serial=%d caption=%q capunit=%q notes=%d header=%d\n", tb.Columns, tb.LabelCol, tb.UnitCol, tb.SerialCol, string(text[tb.Caption.Start:tb.Caption.End]), tb.CaptionUnit, len(tb.Notes), len(tb.Header))
		for c := 0; c < tb.Columns; c++ {
			fmt.Printf("  col %d: %q\n", c, tb.ColumnHeader(c))
		}
		for i, r := range tb.Rows {
			if i < 3 {
				fmt.Printf("  row %q label=%q\n", string(text[r.Line.Start:r.Line.End]), tb.Label(r))
			}
		}
	}
}
