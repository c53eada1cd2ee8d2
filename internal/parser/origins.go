package parser

import (
	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// originTable gives the elements of a document loaded without kin-openapi's
// origin tracking (the fast path: that tracking makes the load about 40%
// slower) the Origin records kin-openapi would have made, read from the YAML
// tree parsed beside the load: the document and the tree are walked
// together. So every model node has its position on the success path too,
// at the cost of one walk. The records go into a table keyed by element
// (*openapi3.Schema, *openapi3.Parameter, ...), not into the document, which
// kin-openapi validates meanwhile.
func originTable(doc *openapi3.T, root *yaml.Node) map[any]*openapi3.Origin {
	o := &originFiller{table: map[any]*openapi3.Origin{}}
	if root == nil {
		return o.table
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if comps := child(root, "components"); comps != nil && doc.Components != nil {
		c := doc.Components
		eachKey(child(comps, "schemas"), func(k, v *yaml.Node) { o.schema(c.Schemas[k.Value], k, v) })
		eachKey(child(comps, "parameters"), func(k, v *yaml.Node) { o.parameter(c.Parameters[k.Value], k, v) })
		eachKey(child(comps, "requestBodies"), func(k, v *yaml.Node) { o.requestBody(c.RequestBodies[k.Value], k, v) })
		eachKey(child(comps, "responses"), func(k, v *yaml.Node) { o.response(c.Responses[k.Value], k, v) })
		eachKey(child(comps, "securitySchemes"), func(k, v *yaml.Node) {
			if s := c.SecuritySchemes[k.Value]; s != nil && s.Ref == "" && s.Value != nil && o.table[s.Value] == nil {
				o.table[s.Value] = origin(k, v)
			}
		})
	}
	if paths := child(root, "paths"); paths != nil && doc.Paths != nil {
		eachKey(paths, func(k, v *yaml.Node) {
			item := doc.Paths.Value(k.Value)
			if item == nil || item.Ref != "" {
				return
			}
			eachItem(child(v, "parameters"), func(i int, n *yaml.Node) {
				if i < len(item.Parameters) {
					o.parameter(item.Parameters[i], n, n)
				}
			})
			for _, m := range methodOrder {
				op := item.GetOperation(m)
				on := child(v, opKey(m))
				if op == nil || on == nil {
					continue
				}
				eachItem(child(on, "parameters"), func(i int, n *yaml.Node) {
					if i < len(op.Parameters) {
						o.parameter(op.Parameters[i], n, n)
					}
				})
				if rb := child(on, "requestBody"); rb != nil {
					o.requestBody(op.RequestBody, keyOf(on, "requestBody"), rb)
				}
				if op.Responses != nil {
					eachKey(child(on, "responses"), func(k, v *yaml.Node) { o.response(op.Responses.Value(k.Value), k, v) })
				}
			}
		})
	}
	eachItem(child(root, "servers"), func(i int, n *yaml.Node) {
		if i >= len(doc.Servers) || doc.Servers[i] == nil {
			return
		}
		eachKey(child(n, "variables"), func(k, v *yaml.Node) {
			if sv := doc.Servers[i].Variables[k.Value]; sv != nil && o.table[sv] == nil {
				o.table[sv] = origin(k, v)
			}
		})
	})
	return o.table
}

type originFiller struct {
	table map[any]*openapi3.Origin
}

func (o *originFiller) schema(ref *openapi3.SchemaRef, key, val *yaml.Node) {
	if ref == nil || ref.Ref != "" || ref.Value == nil || o.table[ref.Value] != nil {
		return // a reference: the schema is placed where it is written
	}
	s := ref.Value
	val = deref(val)
	o.table[s] = origin(key, val)
	eachKey(child(val, "properties"), func(k, v *yaml.Node) { o.schema(s.Properties[k.Value], k, v) })
	if n := child(val, "items"); n != nil {
		o.schema(s.Items, keyOf(val, "items"), n)
	}
	if n := child(val, "additionalProperties"); n != nil && deref(n).Kind == yaml.MappingNode {
		o.schema(s.AdditionalProperties.Schema, keyOf(val, "additionalProperties"), n)
	}
	if n := child(val, "not"); n != nil {
		o.schema(s.Not, keyOf(val, "not"), n)
	}
	for _, c := range []struct {
		name string
		list openapi3.SchemaRefs
	}{{"allOf", s.AllOf}, {"oneOf", s.OneOf}, {"anyOf", s.AnyOf}} {
		eachItem(child(val, c.name), func(i int, n *yaml.Node) {
			if i < len(c.list) {
				o.schema(c.list[i], n, n)
			}
		})
	}
}

func (o *originFiller) parameter(ref *openapi3.ParameterRef, key, val *yaml.Node) {
	if ref == nil || ref.Ref != "" || ref.Value == nil || o.table[ref.Value] != nil {
		return
	}
	val = deref(val)
	o.table[ref.Value] = origin(key, val)
	if n := child(val, "schema"); n != nil {
		o.schema(ref.Value.Schema, keyOf(val, "schema"), n)
	}
	o.content(ref.Value.Content, child(val, "content"))
}

func (o *originFiller) requestBody(ref *openapi3.RequestBodyRef, key, val *yaml.Node) {
	if ref == nil || ref.Ref != "" || ref.Value == nil || o.table[ref.Value] != nil {
		return
	}
	val = deref(val)
	o.table[ref.Value] = origin(key, val)
	o.content(ref.Value.Content, child(val, "content"))
}

func (o *originFiller) response(ref *openapi3.ResponseRef, key, val *yaml.Node) {
	if ref == nil || ref.Ref != "" || ref.Value == nil || o.table[ref.Value] != nil {
		return
	}
	val = deref(val)
	o.table[ref.Value] = origin(key, val)
	o.content(ref.Value.Content, child(val, "content"))
}

func (o *originFiller) content(c openapi3.Content, val *yaml.Node) {
	eachKey(val, func(k, v *yaml.Node) {
		mt := c[k.Value]
		if mt == nil || o.table[mt] != nil {
			return
		}
		o.table[mt] = origin(k, deref(v))
		if n := child(deref(v), "schema"); n != nil {
			o.schema(mt.Schema, keyOf(deref(v), "schema"), n)
		}
	})
}

// origin is the record kin-openapi would have made for the collection val
// under key: the key's position, each field's, and each scalar item's of
// sequence-valued fields (enum, required).
func origin(key, val *yaml.Node) *openapi3.Origin {
	o := &openapi3.Origin{Key: &openapi3.Location{Line: key.Line, Column: key.Column}}
	val = deref(val)
	if val == nil || val.Kind != yaml.MappingNode {
		return o
	}
	for i := 0; i+1 < len(val.Content); i += 2 {
		k, v := val.Content[i], deref(val.Content[i+1])
		o.Fields = append(o.Fields, openapi3.Location{Name: k.Value, Line: k.Line, Column: k.Column})
		if v != nil && v.Kind == yaml.SequenceNode {
			locs := make([]openapi3.Location, 0, len(v.Content))
			for _, it := range v.Content {
				locs = append(locs, openapi3.Location{Name: it.Value, Line: it.Line, Column: it.Column})
			}
			if o.Sequences == nil {
				o.Sequences = map[string][]openapi3.Location{}
			}
			o.Sequences[k.Value] = locs
		}
	}
	return o
}

// deref follows a YAML alias.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// child is the value of key in the mapping n, or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	if k := keyOf(n, key); k != nil {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i] == k {
				return deref(n.Content[i+1])
			}
		}
	}
	return nil
}

// keyOf is the key node of key in the mapping n, or nil.
func keyOf(n *yaml.Node, key string) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return nil
}

func eachKey(n *yaml.Node, f func(k, v *yaml.Node)) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		f(n.Content[i], deref(n.Content[i+1]))
	}
}

func eachItem(n *yaml.Node, f func(i int, n *yaml.Node)) {
	n = deref(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return
	}
	for i, it := range n.Content {
		f(i, deref(it))
	}
}
