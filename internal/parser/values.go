package parser

import (
	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
)

// valueAt converts a value kin-openapi decoded (an example or a default)
// into a model value. kin-openapi decodes objects into Go maps, losing the
// spec's key order; when the value holds an object, it is read again from
// the YAML node at the origin of field in o, so keys keep their order. The
// YAML is parsed once, and only when such a value is met.
func (b *builder) valueAt(o *openapi3.Origin, field string, decoded any) *model.Value {
	if decoded == nil {
		return nil
	}
	if !hasObject(decoded) || o == nil {
		return toValue(decoded)
	}
	loc, ok := o.Fields.Lookup(field)
	if !ok {
		return toValue(decoded)
	}
	if n := b.nodeAt(loc.Line, loc.Column); n != nil {
		if v := nodeValue(n, 0); v != nil {
			return v
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

// nodeAt returns the value node of the mapping key at line:col.
func (b *builder) nodeAt(line, col int) *yaml.Node {
	if b.keys == nil {
		b.keys = map[[2]int]*yaml.Node{}
		var root yaml.Node
		if err := yaml.Unmarshal(b.data, &root); err == nil {
			indexKeys(&root, b.keys)
		}
	}
	return b.keys[[2]int{line, col}]
}

func indexKeys(n *yaml.Node, keys map[[2]int]*yaml.Node) {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			keys[[2]int{k.Line, k.Column}] = n.Content[i+1]
		}
	}
	for _, c := range n.Content {
		indexKeys(c, keys)
	}
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
