package sources

import (
	"fmt"
	"io/fs"

	"gopkg.in/yaml.v3"
)

// IndicatorsFile is the name of the indicator catalogue in a sources directory.
const IndicatorsFile = "indicators.yaml"

// Indicator is one measure the documents state, with the names that
// attach figures to it (see indicators.yaml for how they apply).
type Indicator struct {
	Key         string `yaml:"key"`
	NameZh      string `yaml:"name_zh"`
	NameEn      string `yaml:"name_en"`
	Unit        string `yaml:"unit"`
	Description string `yaml:"description"`

	// Units are the units of the figures it takes.
	Units []string `yaml:"units"`
	// Names are names and synonyms of the measure, matched in a figure's
	// subject (see indicators.yaml).
	Names []string `yaml:"names"`
	// Context, when given, are words one of which the figure's sentence
	// must hold.
	Context []string `yaml:"context"`
	// Region, when given, is the only region whose figures it takes.
	Region string `yaml:"region"`

	Line int `yaml:"-"` // the catalogue line the entry starts on
}

var reKey = lazyRegexp(`^[a-z][a-z0-9_]*$`)

// EmbeddedIndicators returns the indicator catalogue compiled into this package.
func EmbeddedIndicators() ([]Indicator, error) { return LoadIndicators(embedded) }

// LoadIndicators reads the indicator catalogue of a sources directory; a
// directory without one has no indicators.
func LoadIndicators(fsys fs.FS) ([]Indicator, error) {
	data, err := fs.ReadFile(fsys, IndicatorsFile)
	if err != nil {
		if errorsIsNotExist(err) {
			return nil, nil
		}
		return nil, fmt.Errorf("read indicators: %w", err)
	}
	return ParseIndicators(IndicatorsFile, data)
}

// ParseIndicators parses and checks an indicator catalogue.
func ParseIndicators(name string, data []byte) ([]Indicator, error) {
	var root struct {
		Indicators []yaml.Node `yaml:"indicators"`
	}
	if err := yaml.Unmarshal(data, &root); err != nil {
		me := yamlError(name, err)
		if line := firstBadLine(data, me.Line); line > 0 {
			me.Line = line
		}
		return nil, me
	}
	var out []Indicator
	seen := map[string]int{}
	for _, n := range root.Indicators {
		var ind Indicator
		if err := n.Decode(&ind); err != nil {
			return nil, &ManifestError{File: name, Line: n.Line, Msg: err.Error()}
		}
		ind.Line = n.Line
		bad := func(msg string) error { return &ManifestError{File: name, Line: n.Line, Msg: ind.Key + ": " + msg} }
		switch {
		case !reKey().MatchString(ind.Key):
			return nil, bad("key must be lower-case letters, digits and _")
		case ind.NameZh == "" || ind.NameEn == "" || ind.Unit == "" || ind.Description == "":
			return nil, bad("needs name_zh, name_en, unit and description")
		case len(ind.Units) == 0:
			return nil, bad("needs units: the units of the figures it takes")
		case len(ind.Names) == 0:
			return nil, bad("needs names: the names of the measure, or no figure can belong to it")
		}
		if prev, ok := seen[ind.Key]; ok {
			return nil, bad(fmt.Sprintf("defined twice (first on line %d)", prev))
		}
		seen[ind.Key] = n.Line
		out = append(out, ind)
	}
	return out, nil
}

// IndicatorRules is what attaches figures to an indicator, as the
// database's indicators.rules column stores it (JSON).
type IndicatorRules struct {
	Units   []string `json:"units"`
	Names   []string `json:"names"`
	Context []string `json:"context,omitempty"`
	Region  string   `json:"region,omitempty"`
}

// Rules returns the indicator's rules.
func (ind Indicator) Rules() IndicatorRules {
	return IndicatorRules{ind.Units, ind.Names, ind.Context, ind.Region}
}

// SetRules sets the indicator's rules from r.
func (ind *Indicator) SetRules(r IndicatorRules) {
	ind.Units, ind.Names, ind.Context, ind.Region = r.Units, r.Names, r.Context, r.Region
}
