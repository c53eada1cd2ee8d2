package parser

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
)

// tree is the spec parsed once more as plain YAML nodes, in a goroutine that
// runs beside kin-openapi's load. It serves what kin-openapi's decoded values
// lose: the key order of object examples, and the positions of operations.
type tree struct {
	done chan struct{}
	root *yaml.Node
	// examples maps the canonical JSON of every object or array written as
	// an example, default or examples value to its node, in document order
	// (the first node of a given content wins).
	examples map[string]*yaml.Node
	// bigInts maps the float64 text of integers that float64 cannot hold
	// exactly (beyond 2^53) to their text in the spec, which kin-openapi's
	// decoding loses.
	bigInts map[string]string
	// treeErr is what the tree alone shows wrong: the first limit the
	// document exceeds (limits.go), else its nulls where objects must be
	// (nulls.go); nil when none.
	treeErr *Error
}

func startTree(name string, data []byte) *tree {
	t := &tree{done: make(chan struct{})}
	go func() {
		defer close(t.done)
		var root yaml.Node
		if yaml.Unmarshal(data, &root) != nil {
			return
		}
		t.root = &root
		if t.treeErr = checkLimits(name, &root); t.treeErr == nil {
			t.treeErr = checkNulls(name, &root)
		}
		if t.treeErr != nil {
			return
		}
		t.examples = map[string]*yaml.Node{}
		t.bigInts = map[string]string{}
		indexExamples(&root, t.examples, t.bigInts, 0)
	}()
	return t
}

func (t *tree) wait() *tree {
	<-t.done
	return t
}

var exampleKeys = map[string]bool{"example": true, "default": true, "value": true}

func indexExamples(n *yaml.Node, idx map[string]*yaml.Node, bigInts map[string]string, depth int) {
	if depth > 500 {
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" && len(n.Value) > 15 {
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			if text := strconv.FormatFloat(f, 'f', -1, 64); text != n.Value {
				bigInts[text] = n.Value
			}
		}
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if exampleKeys[k.Value] && (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) {
				var x any
				if v.Decode(&x) == nil {
					if data, err := json.Marshal(x); err == nil {
						if _, ok := idx[string(data)]; !ok {
							idx[string(data)] = v
						}
					}
				}
			}
		}
	}
	for _, c := range n.Content {
		indexExamples(c, idx, bigInts, depth+1)
	}
}

// keyPos is the position of the key at the end of a path of mapping keys
// ("paths", "/users", "get"), or the file alone when it is not found.
func (b *builder) keyPos(keys ...string) model.Pos {
	t := b.tree.wait()
	n := t.root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	var at *yaml.Node
	for _, k := range keys {
		if n == nil || n.Kind != yaml.MappingNode {
			return model.Pos{File: b.file}
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				at, next = n.Content[i], n.Content[i+1]
				break
			}
		}
		n = next
	}
	if at == nil {
		return model.Pos{File: b.file}
	}
	return model.Pos{File: b.file, Line: at.Line, Col: at.Column}
}

// checkedValue is the value the spec gives for schema s (an example or a
// default, under key of the element whose origin is o): a value s does not
// accept is a warning, and left out of docs and snippets.
func (b *builder) checkedValue(s *openapi3.Schema, o *openapi3.Origin, key string, decoded any) *model.Value {
	if decoded == nil {
		return nil
	}
	if s != nil {
		if err := s.VisitJSON(decoded); err != nil {
			kind := "example"
			if key == "default" {
				kind = "default"
			}
			b.warnf(kind, b.fieldPos(o, key), "%s does not match its schema (%s); it is left out of docs and snippets", kind, schemaErrorText(err))
			return nil
		}
	}
	return b.valueAt(o, key, decoded)
}

// schemaErrorText is the reason of a schema validation error, with where
// in the value it lies, without the schema dump kin-openapi appends.
func schemaErrorText(err error) string {
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		at := ""
		if p := se.JSONPointer(); len(p) > 0 {
			at = " at /" + strings.Join(p, "/")
		}
		return se.Reason + at
	}
	text, _, _ := strings.Cut(err.Error(), "\n")
	return text
}

// valueAt converts a value kin-openapi decoded (an example or a default)
// into a model value. kin-openapi decodes objects into Go maps, losing the
// spec's key order; an object is therefore read again from the YAML node
// written with the same content, so keys keep their order.
func (b *builder) valueAt(_ *openapi3.Origin, _ string, decoded any) *model.Value {
	if decoded == nil {
		return nil
	}
	if !hasObject(decoded) {
		v := toValue(decoded)
		if f, ok := decoded.(float64); ok && (f >= 1<<53 || f <= -(1<<53)) {
			if text, ok := b.tree.wait().bigInts[v.Number]; ok {
				v.Number = text
			}
		}
		return v
	}
	if data, err := json.Marshal(decoded); err == nil {
		if n := b.tree.wait().examples[string(data)]; n != nil {
			if v := nodeValue(n, 0); v != nil {
				return v
			}
		}
	}
	return toValue(decoded)
}

func hasObject(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		return true
	case []any:
		for _, e := range x {
			if hasObject(e) {
				return true
			}
		}
	}
	return false
}

// nodeValue converts a YAML node to a model value, keeping key order.
// It gives up (nil) on merge keys and on absurd nesting.
func nodeValue(n *yaml.Node, depth int) *model.Value {
	if depth > 200 {
		return nil
	}
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil
		}
		return nodeValue(n.Alias, depth+1)
	case yaml.MappingNode:
		out := &model.Value{Kind: model.ValObject}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" || k.Value == "<<" {
				return nil
			}
			v := nodeValue(n.Content[i+1], depth+1)
			if v == nil {
				return nil
			}
			out.Keys = append(out.Keys, k.Value)
			out.Fields = append(out.Fields, v)
		}
		return out
	case yaml.SequenceNode:
		out := &model.Value{Kind: model.ValArray}
		for _, c := range n.Content {
			v := nodeValue(c, depth+1)
			if v == nil {
				return nil
			}
			out.Items = append(out.Items, v)
		}
		return out
	case yaml.ScalarNode:
		var x any
		if err := n.Decode(&x); err != nil {
			return nil
		}
		if x == nil {
			return &model.Value{Kind: model.ValNull}
		}
		return toValue(x)
	}
	return nil
}

// opKey is the YAML key of an HTTP method in a path item.
func opKey(method string) string { return strings.ToLower(method) }
