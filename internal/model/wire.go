package model

// Style is a parameter serialization style of OpenAPI 3.0 (the
// serialization table of the spec's Parameter Object).
type Style int

const (
	StyleSimple         Style = iota // path, header: 3,4,5
	StyleLabel                       // path: .3.4.5
	StyleMatrix                      // path: ;id=3,4,5
	StyleForm                        // query, cookie: id=3,4,5
	StyleSpaceDelimited              // query: id=3%204%205
	StylePipeDelimited               // query: id=3|4|5
	StyleDeepObject                  // query: id[role]=admin
)

var styleNames = [...]string{"simple", "label", "matrix", "form", "spaceDelimited", "pipeDelimited", "deepObject"}

func (s Style) String() string { return styleNames[s] }

// Ident is the Go identifier of the style in the SDK's runtime package.
func (s Style) Ident() string {
	return [...]string{"Simple", "Label", "Matrix", "Form", "SpaceDelimited", "PipeDelimited", "DeepObject"}[s]
}

// ParseStyle returns the style named s.
func ParseStyle(s string) (Style, bool) {
	for i, n := range styleNames {
		if n == s {
			return Style(i), true
		}
	}
	return 0, false
}

// Wire is how a parameter value travels: decided once, in the parser, from
// the parameter's in, style, explode, allowReserved and content.
type Wire struct {
	Style         Style
	Explode       bool
	AllowReserved bool // query: reserved characters are sent as they are
	// ContentType is set for a parameter described by content rather than a
	// schema: the value is encoded in that media type (JSON), then sent as
	// one string in the parameter's location.
	ContentType string
}
