package parser

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
)

// checkNulls finds null where the document needs an object (a path item,
// an operation, a response, a parameter, a schema, a component): each one
// an error at its key. kin-openapi refuses most of them without a position,
// and reads a null operation as no operation at all.
func checkNulls(file string, root *yaml.Node) *Error {
	if root != nil && root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	c := &nullChecker{file: file}
	eachKey(child(root, "paths"), func(k, v *yaml.Node) {
		where := "paths." + k.Value
		if c.null(k, v, where) {
			return
		}
		c.params(child(v, "parameters"), where)
		for _, m := range methodOrder {
			key := opKey(m)
			op := child(v, key)
			if op == nil || c.null(keyOf(v, key), op, where+"."+key) {
				continue
			}
			c.operation(op, where+"."+key)
		}
	})
	eachKey(child(root, "webhooks"), func(k, v *yaml.Node) { c.null(k, v, "webhooks."+k.Value) })
	eachKey(child(root, "components"), func(section, v *yaml.Node) {
		if strings.HasPrefix(section.Value, "x-") {
			return
		}
		eachKey(v, func(k, e *yaml.Node) {
			where := "components." + section.Value + "." + k.Value
			if !c.null(k, e, where) && section.Value == "schemas" {
				c.schema(e, where, 0)
			}
		})
	})
	if len(c.diags) == 0 {
		return nil
	}
	return &Error{Diags: c.diags}
}

type nullChecker struct {
	file  string
	diags []model.Diagnostic
}

// null reports (and records) a null value v under key k.
func (c *nullChecker) null(k, v *yaml.Node, where string) bool {
	if v == nil || k == nil || !(v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
		return false
	}
	c.diags = append(c.diags, model.Diagnostic{Pos: model.Pos{File: c.file, Line: k.Line, Col: k.Column},
		Message: fmt.Sprintf("%s is null; it must be an object", where)})
	return true
}

func (c *nullChecker) params(list *yaml.Node, where string) {
	if list == nil || list.Kind != yaml.SequenceNode {
		return
	}
	for i, p := range list.Content {
		c.null(p, p, fmt.Sprintf("%s.parameters[%d]", where, i))
		if s := child(p, "schema"); s != nil && !c.null(keyOf(p, "schema"), s, fmt.Sprintf("%s.parameters[%d].schema", where, i)) {
			c.schema(s, fmt.Sprintf("%s.parameters[%d].schema", where, i), 0)
		}
	}
}

func (c *nullChecker) operation(op *yaml.Node, where string) {
	c.params(child(op, "parameters"), where)
	eachKey(child(op, "callbacks"), func(k, v *yaml.Node) {
		if !c.null(k, v, where+".callbacks."+k.Value) {
			eachKey(v, func(ek, item *yaml.Node) { c.null(ek, item, where+".callbacks."+k.Value+"."+ek.Value) })
		}
	})
	if rb := child(op, "requestBody"); rb != nil && !c.null(keyOf(op, "requestBody"), rb, where+".requestBody") {
		c.content(child(rb, "content"), where+".requestBody")
	}
	eachKey(child(op, "responses"), func(k, v *yaml.Node) {
		w := where + ".responses." + k.Value
		if !c.null(k, v, w) {
			c.content(child(v, "content"), w)
		}
	})
}

func (c *nullChecker) content(content *yaml.Node, where string) {
	eachKey(content, func(k, mt *yaml.Node) {
		if s := child(mt, "schema"); s != nil && !c.null(keyOf(mt, "schema"), s, where+"."+k.Value+".schema") {
			c.schema(s, where+"."+k.Value+".schema", 0)
		}
	})
}

// schema checks the subschemas of a schema node.
func (c *nullChecker) schema(s *yaml.Node, where string, depth int) {
	if s == nil || s.Kind != yaml.MappingNode || depth > MaxDepth {
		return
	}
	eachKey(child(s, "properties"), func(k, v *yaml.Node) {
		if !c.null(k, v, where+".properties."+k.Value) {
			c.schema(v, where+".properties."+k.Value, depth+1)
		}
	})
	for _, key := range []string{"items", "not"} {
		if v := child(s, key); v != nil && !c.null(keyOf(s, key), v, where+"."+key) {
			c.schema(v, where+"."+key, depth+1)
		}
	}
	for _, key := range []string{"allOf", "oneOf", "anyOf"} {
		if l := child(s, key); l != nil && l.Kind == yaml.SequenceNode {
			for i, v := range l.Content {
				w := fmt.Sprintf("%s.%s[%d]", where, key, i)
				if !c.null(v, v, w) {
					c.schema(v, w, depth+1)
				}
			}
		}
	}
}
