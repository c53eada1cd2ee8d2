package diff

import (
	"encoding/json"
	"fmt"
	"strings"
)

// sectionTitles are the headings of the markdown report.
var sectionTitles = map[string]string{
	"service": "Services", "operation": "Operations", "parameter": "Parameters",
	"body": "Request bodies", "result": "Response bodies", "type": "Types",
	"field": "Fields", "enum": "Enum values", "variant": "Union alternatives",
	"server": "Servers", "other": "Other",
}

// Markdown is the report for a pull request or a CHANGELOG: breaking changes
// first, then the others, each grouped by what changed, and the verdict.
func (r *Report) Markdown() string {
	var b strings.Builder
	title := r.New.Title
	if title == "" {
		title = r.Old.Title
	}
	fmt.Fprintf(&b, "# SDK changes: %s %s -> %s\n\n", title, r.Old.Version, r.New.Version)
	fmt.Fprintf(&b, "From `%s` to `%s`: %s.\n", r.Old.Spec, r.New.Spec, r.summary())
	var breaking, other []Change
	for _, c := range r.Changes {
		if c.Breaking {
			breaking = append(breaking, c)
		} else {
			other = append(other, c)
		}
	}
	writeGroup(&b, "Breaking changes", breaking)
	writeGroup(&b, "Other changes", other)
	if r.Go != nil {
		r.Go.markdown(&b, r)
	}
	fmt.Fprintf(&b, "\n## Verdict\n\n%s\n", r.verdict())
	return b.String()
}

func (r *Report) summary() string {
	if len(r.Changes) == 0 {
		return "no change an SDK user sees"
	}
	return fmt.Sprintf("%d change(s), %d breaking", len(r.Changes), r.Breaking)
}

// verdict says the bump and why.
func (r *Report) verdict() string {
	switch r.Bump {
	case BumpMajor:
		v := fmt.Sprintf("**major**: %d breaking change(s).", r.Breaking)
		if r.Go != nil && r.Go.Bump != BumpMajor {
			v += " The Go API alone would allow " + string(r.Go.Bump) + ": see where the verdicts differ."
		}
		return v + " (While the SDK's major version is 0, that is a minor bump.)"
	case BumpMinor:
		v := "**minor**: additions only."
		if r.Go != nil && r.Go.Bump == BumpMajor {
			v = "**major**: the spec's changes are additions only, but the Go API breaks: see where the verdicts differ."
		}
		return v
	case BumpPatch:
		return "**patch**: the Go API is unchanged; only what the SDK sends or where changed."
	}
	return "**none**: nothing an SDK user sees changed."
}

func writeGroup(b *strings.Builder, heading string, changes []Change) {
	if len(changes) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s (%d)\n", heading, len(changes))
	last := ""
	for i := 0; i < len(changes); i++ {
		c := changes[i]
		if s := Section(c.Kind); s != last {
			fmt.Fprintf(b, "\n### %s\n\n", sectionTitles[s])
			last = s
		}
		// Values added to one enum make one line (an events enum may
		// gain dozens).
		j := i + 1
		for j < len(changes) && c.Type != "" && changes[j].Type == c.Type && changes[j].Kind == c.Kind {
			j++
		}
		if j-i > 2 {
			var values []string
			for _, v := range changes[i:j] {
				values = append(values, "`"+v.value+"`")
			}
			verb := map[bool]string{true: "removed", false: "added"}[c.Breaking]
			fmt.Fprintf(b, "- `%s`: %d values %s: %s\n", c.Type, j-i, verb, strings.Join(values, ", "))
			i = j - 1
			continue
		}
		b.WriteString("- " + c.line() + "\n")
	}
}

// line is one change as a markdown list item.
func (c Change) line() string {
	s := "`" + c.Subject + "`: " + c.Message
	if c.Old != "" || c.New != "" {
		s += ": `" + c.Old + "` -> `" + c.New + "`"
	}
	if c.Pos != "" && c.Pos != "-" {
		s += " (" + c.Pos + ")"
	}
	return s
}

// JSON is the report for machines.
func (r *Report) JSON() []byte {
	out, _ := json.MarshalIndent(r, "", "  ")
	return append(out, '\n')
}
