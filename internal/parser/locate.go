package parser

import (
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
)

// yamlLine matches the "line N" that YAML and JSON decoders put in messages.
var yamlLine = regexp.MustCompile(`line (\d+)(?:, column (\d+))?`)

// locateLoadError turns a loader error (syntax, bad $ref, external $ref) into
// a located diagnostic.
func locateLoadError(file string, data []byte, err error) model.Diagnostic {
	msg := err.Error()
	pos := model.Pos{File: file, Line: 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		if m[2] != "" {
			pos.Col, _ = strconv.Atoi(m[2])
		}
	} else if ref := refInMessage(msg); ref != "" {
		pos = findText(file, data, ref)
	}
	return model.Diagnostic{Pos: pos, Message: cleanMessage(msg)}
}

var refPattern = regexp.MustCompile(`"(#/[^"]+|[^"#\s]+\.(?:ya?ml|json)(?:#[^"]*)?)"|(#/components/[^\s:"]+)`)

func refInMessage(msg string) string {
	m := refPattern.FindStringSubmatch(msg)
	if m == nil {
		return ""
	}
	if m[1] != "" {
		return m[1]
	}
	return m[2]
}

// findText locates the first line of data containing s.
func findText(file string, data []byte, s string) model.Pos {
	for i, line := range strings.Split(string(data), "\n") {
		if c := strings.Index(line, s); c >= 0 {
			return model.Pos{File: file, Line: i + 1, Col: c + 1}
		}
	}
	return model.Pos{File: file, Line: 1, Col: 1}
}

func cleanMessage(msg string) string {
	msg = strings.ReplaceAll(msg, "\n", " ")
	return strings.TrimSpace(msg)
}

// locateValidation splits a validation error into one diagnostic per cause,
// each at the position of the element it is about.
func locateValidation(file string, doc *openapi3.T, root *yaml.Node, err error) []model.Diagnostic {
	var leaves []error
	var me openapi3.MultiError
	if errors.As(err, &me) {
		leaves = append(leaves, me...)
	} else {
		leaves = append(leaves, err)
	}
	out := make([]model.Diagnostic, 0, len(leaves))
	for _, e := range leaves {
		pos := errorOrigin(file, doc, e)
		if pos.Line == 0 || (pos.Line == 1 && pos.Col == 1) {
			// No origin: a JSON pointer in the message says where.
			if m := pointerInMessage.FindString(e.Error()); m != "" {
				if n := pointerNode(root, m); n != nil {
					pos = model.Pos{File: file, Line: n.Line, Col: n.Column}
				}
			}
		}
		out = append(out, model.Diagnostic{Pos: pos, Message: cleanMessage(e.Error())})
	}
	out = dedupeValidation(out, leaves)
	sortDiags(out)
	return out
}

// errorOrigin walks an error chain for the innermost origin kin-openapi
// recorded, or for the context (path, operation, component) that names where
// in the document the error is.
func errorOrigin(file string, doc *openapi3.T, err error) model.Pos {
	var best *openapi3.Origin
	var path, method, section, name string
	for e := err; e != nil; e = errors.Unwrap(e) {
		if o := originField(e); o != nil && o.Key != nil {
			best = o
		}
		switch v := e.(type) {
		case *openapi3.PathValidationError:
			path = v.Path
		case *openapi3.OperationValidationError:
			method = v.Method
		case *openapi3.PathParametersError:
			path, method = v.Path, v.Method
		case *openapi3.ComponentValidationError:
			section, name = v.Section, v.Name
		}
	}
	if path != "" && doc.Paths != nil {
		if item := doc.Paths.Value(path); item != nil {
			if best == nil {
				best = item.Origin
			}
			// An error inside an operation that carries no origin of its own
			// is placed at the operation rather than at its path.
			if op := item.GetOperation(strings.ToUpper(method)); op != nil && op.Origin != nil && (best == item.Origin || best == nil) {
				best = op.Origin
			}
		}
	}
	if best == nil && section != "" && doc.Components != nil {
		best = componentOrigin(doc.Components, section, name)
	}
	if best == nil || best.Key == nil {
		return model.Pos{File: file, Line: 1, Col: 1}
	}
	return model.Pos{File: file, Line: best.Key.Line, Col: best.Key.Column}
}

func componentOrigin(c *openapi3.Components, section, name string) *openapi3.Origin {
	switch section {
	case "schema":
		if r := c.Schemas[name]; r != nil && r.Value != nil {
			return r.Value.Origin
		}
	case "parameter":
		if r := c.Parameters[name]; r != nil && r.Value != nil {
			return r.Value.Origin
		}
	case "response":
		if r := c.Responses[name]; r != nil && r.Value != nil {
			return r.Value.Origin
		}
	case "request body":
		if r := c.RequestBodies[name]; r != nil && r.Value != nil {
			return r.Value.Origin
		}
	case "security scheme":
		if r := c.SecuritySchemes[name]; r != nil && r.Value != nil {
			return r.Value.Origin
		}
	}
	return nil
}

// originField reads an exported "Origin *openapi3.Origin" field off an error
// value, which most kin-openapi validation errors carry.
func originField(e error) *openapi3.Origin {
	v := reflect.ValueOf(e)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Origin")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*openapi3.Origin]() || f.IsNil() {
		return nil
	}
	return f.Interface().(*openapi3.Origin)
}

// pointerInMessage finds a JSON pointer into the document in a message
// ("security requirement /security/0/missing refers to ...").
var pointerInMessage = regexp.MustCompile(`(?:^|\s)/(?:security|paths|components|servers|tags|webhooks)(?:/[^\s"]*)?`)

// pointerNode is the key (or item) a JSON pointer names in root, or the
// deepest one it reaches; nil if it reaches none.
func pointerNode(root *yaml.Node, pointer string) *yaml.Node {
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	var at *yaml.Node
	n := root
	for _, part := range strings.Split(strings.TrimSpace(pointer), "/")[1:] {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		switch {
		case n == nil:
			return at
		case n.Kind == yaml.MappingNode:
			k := keyOf(n, part)
			if k == nil {
				return at
			}
			at, n = k, child(n, part)
		case n.Kind == yaml.SequenceNode:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(n.Content) {
				return at
			}
			at, n = n.Content[i], n.Content[i]
		default:
			return at
		}
	}
	return at
}
