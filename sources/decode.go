package sources

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encodings a source file may be stored in, as Decode reports them.
const (
	EncodingUTF8    = "utf-8"
	EncodingUTF8BOM = "utf-8-bom"
	EncodingGB18030 = "gb18030"
)

// Errors Decode fails with, wrapped with the file's name.
var (
	// ErrEmpty means the file holds no text.
	ErrEmpty = errors.New("empty file: it holds no text")
	// ErrBinary means the file is not text at all.
	ErrBinary = errors.New("binary file: it holds NUL or control bytes, not text")
	// ErrEncoding means the file is neither UTF-8 nor GB18030.
	ErrEncoding = errors.New("not UTF-8 or GB18030 text: save it as UTF-8")
)

// Decoded is a source file's text as mediq stores it.
type Decoded struct {
	Text     string // UTF-8 text: extracted text for HTML, the file's text otherwise
	Encoding string // EncodingUTF8, EncodingUTF8BOM or EncodingGB18030
	HTML     bool   // the file was an HTML page; Text is its extracted text
}

// Decode turns a file's bytes into the UTF-8 text mediq stores, whatever
// form the file came in: UTF-8 with or without a byte-order mark, GB18030
// (and so GBK and GB2312), CRLF line ends, or a saved HTML page, whose text
// is extracted with table rows kept as rows. name is used for errors and
// to recognise HTML by its extension.
func Decode(name string, b []byte) (Decoded, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return Decoded{}, fmt.Errorf("%s: %w", name, ErrEmpty)
	}
	if looksBinary(b) {
		return Decoded{}, fmt.Errorf("%s: %w", name, ErrBinary)
	}
	var d Decoded
	switch {
	case bytes.HasPrefix(b, []byte("\xef\xbb\xbf")):
		d.Encoding, b = EncodingUTF8BOM, b[3:]
		if !utf8.Valid(b) {
			return Decoded{}, fmt.Errorf("%s: has a UTF-8 byte-order mark but %w", name, ErrNotUTF8)
		}
	case utf8.Valid(b):
		d.Encoding = EncodingUTF8
	default:
		u, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if err != nil || !mostlyText(u) {
			return Decoded{}, fmt.Errorf("%s: %w", name, ErrEncoding)
		}
		d.Encoding, b = EncodingGB18030, u
	}
	text := string(b)
	if isHTML(name, text) {
		d.HTML = true
		t, err := ExtractHTML(text)
		if err != nil {
			return Decoded{}, fmt.Errorf("%s: %w", name, err)
		}
		text = t
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	d.Text = strings.ReplaceAll(text, "\r", "\n")
	return d, nil
}

// looksBinary reports whether b holds NUL bytes or many control bytes.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	n := min(len(b), 8192)
	ctl := 0
	for _, c := range b[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	return ctl*20 > n
}

// mostlyText reports whether decoded text is mostly letters, digits,
// punctuation and spaces: a wrong guess at an encoding gives symbols.
func mostlyText(b []byte) bool {
	good, all := 0, 0
	for _, r := range string(b) {
		all++
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.Is(unicode.Han, r)) {
			good++
		}
	}
	return all > 0 && good*10 >= all*9
}

func isHTML(name, text string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return true
	}
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html")
}
