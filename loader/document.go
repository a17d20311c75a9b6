package loader

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mediq/mediq/internal/hanscript"
	"github.com/mediq/mediq/internal/runes"
	"github.com/mediq/mediq/sources"
)

// Parsed is one source read into documents, sentences and figures.
type Parsed struct {
	Source    sources.Source
	Text      []rune
	Documents []Doc

	// str is Text as a string and runeAt[i] the byte offset in it of
	// Text[i], so that a sentence's text is a slice of str, not a copy.
	str    string
	runeAt []int32

	// ctx is what the context rules carry from sentence to sentence.
	ctx docContext
}

// Doc is one document of a source with its body, sentences and figures.
type Doc struct {
	sources.Document
	Body      []Span
	Sentences []Sentence
	Figures   []Row
	// Skips are the number-like tokens of the body that are not figures.
	Skips []Skip
}

// Sentence is one sentence of a body.
type Sentence struct {
	Span
	Line    int    // 1-based line of the source the sentence starts on
	Section string // heading of the section it is in
	Speaker string // who is speaking, in a press conference
	// SpeakerIndex indexes Doc.Speakers, -1 when the speaker is not listed.
	SpeakerIndex int
	Text         string
}

// Row is a figure with the context that makes it comparable.
type Row struct {
	Figure
	Sentence   int    // index into Doc.Sentences
	Period     string // the figure's own period where the text gives one
	Role       string // actual, target, baseline, change or ""
	Region     string
	Issuer     string
	IssuerNote string
	Speaker    string
	// Subject is the noun phrase the figure quantifies: the row label of a
	// table cell, the noun a count counts (29个疫苗临床试验现场), or the
	// measure the clause names before the figure (合格率99.21%).
	Subject string
	// Indicator is the key of the indicator the figure measures, "" for none.
	Indicator string
	// Direction is up or down for a change, "" otherwise.
	Direction string
	// Pair indexes Doc.Figures: the other end of a from–to pair
	// (从3万元提高到6万元), -1 for none.
	Pair int
	// Respective indexes Doc.Figures: for a figure after 分别, the figure of
	// its unit before 分别 that it answers to (共有891种药品…,分别较2024年底
	// 增加109种), -1 for none.
	Respective int
}

// Parse reads one source into documents, sentences and figures. Every body
// marker must be found; problems are reported together as an ErrorList.
func Parse(src sources.Source) (*Parsed, error) {
	if len(src.Text) > maxTextBytes {
		var errs ErrorList
		errs.Add(Position{File: src.File}, ErrTooLarge, fmt.Sprintf("the text is %d bytes, more than the %d the loader reads; split the file into several", len(src.Text), maxTextBytes))
		return nil, errs.Err()
	}
	p := &Parsed{Source: src}
	p.decode()
	text := p.Text
	var errs ErrorList
	from := 0
	for _, d := range src.Documents {
		spans, next, err := findBody(src.File, text, d.Body, from)
		if err != nil {
			errs = append(errs, err...)
			continue
		}
		from = next
		p.Documents = append(p.Documents, Doc{Document: d, Body: spans})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	var all []Span
	for _, d := range p.Documents {
		all = append(all, d.Body...)
	}
	sc := newScanner(text, all)
	for i := range p.Documents {
		p.readDocument(sc, &p.Documents[i])
		linkPairs(&p.Documents[i])
	}
	return p, nil
}

// decode sets Text, str and runeAt from the source's text in one pass.
// Text is what []rune(src.Text) gives: each byte of invalid UTF-8 becomes
// U+FFFD, and str is then Text encoded again, so that runeAt indexes it.
func (p *Parsed) decode() {
	p.str = p.Source.Text
	if !utf8.ValidString(p.str) {
		p.str = string([]rune(p.str))
	}
	n := utf8.RuneCountInString(p.str)
	p.Text = make([]rune, 0, n)
	p.runeAt = make([]int32, 0, n+1)
	for i := 0; i < len(p.str); {
		r, size := runes.At(p.str, i)
		p.Text = append(p.Text, r)
		p.runeAt = append(p.runeAt, int32(i))
		i += size
	}
	p.runeAt = append(p.runeAt, int32(len(p.str)))
}

// textOf returns the text of a span of Text as a string, without a copy.
func (p *Parsed) textOf(sp Span) string {
	return p.str[p.runeAt[sp.Start]:p.runeAt[sp.End]]
}

// findBody locates each span of a body by its markers, searching from from.
func findBody(file string, text []rune, markers []sources.Marker, from int) ([]Span, int, ErrorList) {
	var spans []Span
	var errs ErrorList
	if len(markers) == 0 {
		return []Span{{0, len(text)}}, len(text), nil // the whole file is the body
	}
	for _, m := range markers {
		s := indexRunes(text, []rune(m.Start), from)
		if s < 0 {
			errs.Add(positionOf(file, text, from), ErrMarkerNotFound,
				fmt.Sprintf("body start marker %q not found after this point; check the manifest entry against the text", m.Start))
			continue
		}
		endMarker := []rune(m.End)
		e := indexRunes(text, endMarker, s)
		if e < 0 {
			errs.Add(positionOf(file, text, s), ErrMarkerNotFound,
				fmt.Sprintf("body end marker %q not found after the start marker", m.End))
			continue
		}
		e += len(endMarker)
		spans = append(spans, Span{s, e})
		from = e
	}
	return spans, from, errs
}

func indexRunes(text, sub []rune, from int) int {
	if len(sub) == 0 {
		return -1
	}
outer:
	for i := from; i+len(sub) <= len(text); i++ {
		for k, r := range sub {
			if text[i+k] != r {
				continue outer
			}
		}
		return i
	}
	return -1
}

// readDocument splits a document's body into sentences, follows its sections
// and speaker turns, and finds its figures, in two stages: readBlocks cuts
// the body into blocks and sentences and scans them for figures, and
// applyBatch gives each figure its context, in text order, from what the
// first stage hands it (see step). For a long body the stages run side by
// side on two goroutines, so that it takes both cores.
func (p *Parsed) readDocument(sc *scanner, d *Doc) {
	bodyLen := 0
	for _, b := range d.Body {
		bodyLen += b.Len()
	}
	// The documents run to about 40 characters a sentence and a figure
	// every few sentences: room for most without regrowing.
	d.Sentences = make([]Sentence, 0, bodyLen/40+1)
	d.Figures = make([]Row, 0, bodyLen/150+1)
	sc.skips = sc.skips[:0]
	p.ctx = docContext{doc: d, marksFor: -1, placesFor: -1, textFor: -1, sectionOpen: true}
	if len(d.Body) > 0 {
		b := d.Body[0]
		p.ctx.traditional = hanscript.Traditional(string(p.Text[b.Start:min(b.End, b.Start+2000)]))
	}

	first := 0 // the first figure of the last sentence, for applyBatch
	if bodyLen < pipelineMin {
		// a short body: the stages' hand-over would cost more than the
		// second core gives
		p.readBlocks(sc, d, func(b *[]step) { p.applyBatch(d, b, &first) })
		d.Skips = append([]Skip(nil), sc.skips...)
		return
	}
	steps := make(chan *[]step, 4)
	var failed any // a panic of readBlocks, raised again here
	go func() {
		defer func() {
			failed = recover()
			close(steps)
		}()
		p.readBlocks(sc, d, func(b *[]step) { steps <- b })
	}()
	for b := range steps {
		p.applyBatch(d, b, &first)
	}
	if failed != nil {
		panic(failed)
	}
	d.Skips = append([]Skip(nil), sc.skips...)
}

// stepKind is what a step of readBlocks tells applyContext.
type stepKind uint8

const (
	stepParagraph    stepKind = iota // a paragraph or table starts with the next sentence
	stepTitlePeriod                  // the table's title line (text) may name its period
	stepTurn                         // a speaker's turn starts
	stepHeading                      // a section heading (text)
	stepSentence                     // the next sentence (sentence)
	stepFigure                       // a figure (fig) of the last sentence, a cell of table if set
	stepEndParagraph                 // the paragraph ends
)

// step is one thing readBlocks found, in text order.
type step struct {
	kind     stepKind
	text     string
	sentence Sentence
	fig      Figure
	table    *Table
}

// MaxTextBytes is the longest source text Parse reads: its rune offsets are
// kept in 32 bits.
const MaxTextBytes = math.MaxInt32

// maxTextBytes is MaxTextBytes, a variable so that a test can lower it.
var maxTextBytes = MaxTextBytes

// pipelineMin is the body length, in runes, from which readDocument runs
// its two stages on two goroutines: below it they run one after the other.
// (A variable so that a test can run both ways on the same text.)
var pipelineMin = 1 << 17

// stepBatch is how many steps readBlocks hands over at once.
const stepBatch = 256

// stepBatches recycles the batches applyContext is done with.
var stepBatches = sync.Pool{New: func() any {
	b := make([]step, 0, stepBatch)
	return &b
}}

// readBlocks is the first stage of readDocument: it segments the body,
// follows headings and turns, splits sentences and scans them, and hands
// what it finds to the second stage in batches.
func (p *Parsed) readBlocks(sc *scanner, d *Doc, handOver func(*[]step)) {
	text := p.Text
	batch := stepBatches.Get().(*[]step)
	emit := func(st step) {
		*batch = append(*batch, st)
		if len(*batch) == stepBatch {
			handOver(batch)
			batch = stepBatches.Get().(*[]step)
		}
	}
	defer func() {
		if len(*batch) > 0 {
			handOver(batch)
		} else {
			stepBatches.Put(batch)
		}
	}()
	var section1, section2 string
	speaker, speakerIdx := "", -1
	lineNo := 1
	lineAt := 0
	lineOf := func(off int) int {
		for ; lineAt < off && lineAt < len(text); lineAt++ {
			if text[lineAt] == '\n' {
				lineNo++
			}
		}
		return lineNo
	}
	sentence := func(sp Span, section string) {
		emit(step{kind: stepSentence, sentence: Sentence{Span: sp, Line: lineOf(sp.Start), Section: section, Speaker: speaker, SpeakerIndex: speakerIdx, Text: p.textOf(sp)}})
	}
	var prevTable *Table
	var title *Span // the last paragraph, when it is short enough to be a table's title
	for _, body := range d.Body {
		for _, b := range segmentBlocks(text, body) {
			if b.Table != nil {
				continueTable(b.Table, prevTable)
				yearLabels(b.Table)
				b.Table.labelsArePlaces() // settled here: applyContext only reads a table
				prevTable = b.Table
			}
			section := section1
			if section2 != "" {
				section = strings.TrimPrefix(strings.TrimSpace(section1+" / "+section2), "/ ")
			}
			if t := b.Table; t != nil {
				emit(step{kind: stepParagraph})
				if title != nil && onlyBlank(text[title.End:b.Start]) {
					// the title line above a table names its period:
					// 各类医疗卫生机构基本情况(2015年)
					emit(step{kind: stepTitlePeriod, text: string(text[title.Start:title.End])})
				}
				title = nil
				sc.tableSkips(t)
				for _, ln := range t.lines() {
					sentence(ln.Line, section)
					if ln.header {
						continue
					}
					for _, f := range sc.tableRowFigures(t, ln.TableRow) {
						emit(step{kind: stepFigure, fig: f, table: t})
					}
				}
				continue
			}
			if b.Len() <= maxTitle {
				title = &Span{b.Start, b.End}
			} else {
				title = nil
			}
			for _, ln := range splitLines(text, b.Span) {
				line := text[ln.Start:ln.End]
				if lbl, idx, ok := turn(p.textOf(Span{ln.Start, min(ln.End, ln.Start+40)}), d.Speakers); ok {
					speaker, speakerIdx = lbl, idx
					emit(step{kind: stepTurn}) // a speaker's turn starts afresh
				}
				level := headingLevel(line)
				switch level {
				case 1:
					section1, section2 = headingText(line), ""
					emit(step{kind: stepHeading, text: section1})
				case 2:
					section2 = headingText(line)
					emit(step{kind: stepHeading, text: section1 + " " + section2})
				}
				emit(step{kind: stepParagraph})
				section := section1
				if section2 != "" {
					section = strings.TrimPrefix(strings.TrimSpace(section1+" / "+section2), "/ ")
				}
				for _, ss := range splitSentences(text, ln) {
					sentence(ss, section)
					for _, f := range sc.scanRange(ss.Start, ss.End) {
						emit(step{kind: stepFigure, fig: f})
					}
				}
				if level == 0 {
					emit(step{kind: stepEndParagraph})
				}
			}
		}
	}
}

// applyBatch is the second stage of readDocument: it takes a batch of
// steps of readBlocks, in order, keeps the sentences and gives each figure
// its context; first carries the index of the first figure of the last
// sentence from batch to batch.
func (p *Parsed) applyBatch(d *Doc, batch *[]step, first *int) {
	for i := range *batch {
		st := &(*batch)[i]
		switch st.kind {
		case stepParagraph:
			p.ctx.newParagraph(len(d.Sentences))
		case stepTitlePeriod:
			if m := periodMarks(st.text, d.Date); len(m) > 0 {
				p.ctx.paraPeriod = m[len(m)-1].period
			}
		case stepTurn:
			p.ctx.newTurn()
		case stepHeading:
			p.ctx.heading(st.text)
		case stepSentence:
			d.Sentences = append(d.Sentences, st.sentence)
			*first = len(d.Figures)
		case stepFigure:
			si := len(d.Sentences) - 1
			if st.table != nil {
				d.Figures = append(d.Figures, p.context(d, st.fig, si, st.table))
				continue
			}
			row := p.context(d, st.fig, si, nil)
			if len(d.Figures) > *first {
				p.continueList(&d.Figures[len(d.Figures)-1], &row)
			}
			d.Figures = append(d.Figures, row)
		case stepEndParagraph:
			p.ctx.endParagraph()
		}
	}
	clear(*batch) // let the strings and tables it holds go
	*batch = (*batch)[:0]
	stepBatches.Put(batch)
}

// maxTitle is the longest paragraph, in runes, read as the title of a table
// right under it.
const maxTitle = 60

// onlyBlank reports whether rs holds nothing but blank runes.
func onlyBlank(rs []rune) bool {
	for _, r := range rs {
		if !isBlank(r) {
			return false
		}
	}
	return true
}

// turn reports whether a line opens a speaker's turn: 黎君君:, 庄严答:,
// 浙江省卫生健康委巡视员马伟杭介绍:, 梁万年介绍, or a questioner such as
// 广西日报记者:. It returns the speaker's name and index in speakers (-1
// for a questioner who is not listed).
//
// head is the line's first 40 runes at most.
func turn(head string, speakers []sources.Speaker) (string, int, bool) {
	raw := head
	if !strings.ContainsAny(raw, ":：") && !namesSpeaker(raw, speakers) {
		return "", -1, false // most lines: no label, no speaker named
	}
	compact := spaceRemover.Replace(raw)
	label, _, hasColon := cutAny(compact, ":：")
	if hasColon && len([]rune(label)) <= 30 {
		for i, sp := range speakers {
			if strings.Contains(label, sp.Name) {
				return sp.Name, i, true
			}
		}
		for _, suffix := range words("asker") {
			if strings.HasSuffix(label, suffix) {
				return label, -1, true
			}
		}
	}
	for i, sp := range speakers {
		for _, verb := range words("speech-verb") {
			if strings.HasPrefix(compact, sp.Name+verb) || strings.Contains(compact, sp.Name+verb+":") ||
				strings.Contains(compact, sp.Name+verb+"：") || strings.Contains(compact, sp.Name+verb+",") ||
				strings.Contains(compact, sp.Name+verb+"，") {
				return sp.Name, i, true
			}
		}
	}
	return "", -1, false
}

// namesSpeaker reports whether s holds the name of one of speakers.
func namesSpeaker(s string, speakers []sources.Speaker) bool {
	for _, sp := range speakers {
		if strings.Contains(s, sp.Name) {
			return true
		}
	}
	return false
}

var spaceRemover = strings.NewReplacer(" ", "", "\u3000", "")

func cutAny(s, seps string) (before, after string, found bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		_, w := firstRune(s[i:])
		return s[:i], s[i+w:], true
	}
	return s, "", false
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// continueList gives a figure that continues a list (增加109种、15类;
// 分别达到85%和70%以上) the role of a change, and the period, of the
// figure it follows.
func (p *Parsed) continueList(prev, row *Row) {
	between := strings.TrimSpace(string(p.Text[prev.End:row.Start]))
	switch between {
	case "、", "和", "及", "与", "，", ",":
	default:
		return
	}
	if prev.Role == RoleChange {
		row.Role, row.Direction = RoleChange, prev.Direction
	}
	if row.Period == "" {
		row.Period = prev.Period
	}
}
