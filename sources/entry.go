package sources

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Entry is a source's manifest entry as a database records it (the
// sources.entry column, as JSON): what the loader parsed the source's text
// with. `mediq verify` reads it back to parse the stored text again.
type Entry struct {
	File        string
	Outlet      string
	PageDate    string
	Corrections []Correction
	Documents   []Document
	// Guessed lists what was inferred for a file the manifest does not list.
	Guessed []string
}

// Entry returns the source's manifest entry.
func (s *Source) Entry() Entry {
	return Entry{File: s.File, Outlet: s.Outlet, PageDate: s.PageDate, Corrections: s.Corrections, Documents: s.Documents, Guessed: s.Guessed}
}

// JSON returns the entry as the database stores it.
func (e Entry) JSON() string {
	b, err := json.Marshal(e)
	if err != nil {
		panic("sources: an Entry always encodes: " + err.Error())
	}
	return string(b)
}

// ParseEntry reads an entry back from its JSON.
func ParseEntry(data string) (Entry, error) {
	var e Entry
	err := json.Unmarshal([]byte(data), &e)
	return e, err
}

// FromStored returns the source a database records: its entry, its stored
// text, and what it records of the original file (the SHA-256 of its
// bytes, its encoding and whether it was an HTML page). Bytes stays empty:
// the database keeps the text, not the file.
func (e Entry) FromStored(text, sha256, encoding string, html bool) Source {
	return Source{
		File: e.File, Outlet: e.Outlet, PageDate: e.PageDate, Corrections: e.Corrections, Documents: e.Documents,
		Guessed: e.Guessed, Text: text, SHA256: sha256, Encoding: encoding, HTML: html,
	}
}

// TextSHA256 returns the lowercase hex SHA-256 of text, as the database
// records it in sources.text_sha256.
func TextSHA256(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
