package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/parser"
)

// config is gen.yaml: the flags' values, and which operations to generate.
// Paths in it are relative to its folder; a flag given on the command line
// wins over it.
//
//	spec: openapi.yml
//	out: vault
//	module: example.com/vault   # standalone output only
//	package: sdk
//	strict: true
//	ignoreNameOverrides: false
//	allowExternalRefs: false
//	include: {tags: [Sessions]}
//	exclude: {operations: [connectionsRevoke]}
type config struct {
	file                              string
	spec, out, module, pkg            *string
	strict, noOverrides, externalRefs *bool
	include, exclude                  parser.OperationFilter
}

// configKeys are the keys of gen.yaml and what each holds.
var configKeys = map[string]string{
	"spec": "string", "out": "string", "module": "string", "package": "string",
	"strict": "bool", "ignoreNameOverrides": "bool", "allowExternalRefs": "bool",
	"include": "filter", "exclude": "filter",
}

// loadConfig reads a gen.yaml. An unknown key or a value of the wrong type
// is an error at its line.
func loadConfig(path string) (*config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	c := &config{file: path}
	if len(root.Content) == 0 {
		return c, nil // empty
	}
	doc := root.Content[0]
	at := func(n *yaml.Node, format string, args ...any) error {
		return fmt.Errorf("%s:%d:%d: %s", path, n.Line, n.Column, fmt.Sprintf(format, args...))
	}
	if doc.Kind != yaml.MappingNode {
		return nil, at(doc, "gen.yaml must be a mapping of keys (spec, out, module, ...)")
	}
	dir := filepath.Dir(path)
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		kind, ok := configKeys[k.Value]
		if !ok {
			known := make([]string, 0, len(configKeys))
			for key := range configKeys {
				known = append(known, key)
			}
			sort.Strings(known)
			return nil, at(k, "unknown key %q (known: %s)", k.Value, strings.Join(known, ", "))
		}
		switch kind {
		case "string":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
				return nil, at(v, "%s must be a string", k.Value)
			}
			s := v.Value
			if k.Value == "spec" || k.Value == "out" {
				s = filepath.Join(dir, s)
			}
			switch k.Value {
			case "spec":
				c.spec = &s
			case "out":
				c.out = &s
			case "module":
				c.module = &s
			case "package":
				c.pkg = &s
			}
		case "bool":
			var b bool
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" || v.Decode(&b) != nil {
				return nil, at(v, "%s must be true or false", k.Value)
			}
			switch k.Value {
			case "strict":
				c.strict = &b
			case "ignoreNameOverrides":
				c.noOverrides = &b
			case "allowExternalRefs":
				c.externalRefs = &b
			}
		case "filter":
			f, err := decodeFilter(v, k.Value, at)
			if err != nil {
				return nil, err
			}
			if k.Value == "include" {
				c.include = f
			} else {
				c.exclude = f
			}
		}
	}
	return c, nil
}

// decodeFilter reads include/exclude: {tags: [...], operations: [...]}.
func decodeFilter(v *yaml.Node, key string, at func(*yaml.Node, string, ...any) error) (parser.OperationFilter, error) {
	var f parser.OperationFilter
	if v.Kind != yaml.MappingNode {
		return f, at(v, "%s must be a mapping: {tags: [...], operations: [...]}", key)
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, list := v.Content[i], v.Content[i+1]
		if k.Value != "tags" && k.Value != "operations" {
			return f, at(k, "unknown key %q in %s (known: operations, tags)", k.Value, key)
		}
		if list.Kind != yaml.SequenceNode {
			return f, at(list, "%s.%s must be a list of names", key, k.Value)
		}
		for _, item := range list.Content {
			if item.Kind != yaml.ScalarNode || item.Tag != "!!str" {
				return f, at(item, "%s.%s must be a list of names", key, k.Value)
			}
			if k.Value == "tags" {
				f.Tags = append(f.Tags, item.Value)
			} else {
				f.Operations = append(f.Operations, item.Value)
			}
		}
	}
	return f, nil
}

// findConfig is the gen.yaml to read: -config's, else gen.yaml in the
// current folder, else none ("").
func findConfig(flagValue string) (string, error) {
	if flagValue != "" {
		if _, err := os.Stat(flagValue); err != nil {
			return "", err
		}
		return flagValue, nil
	}
	if _, err := os.Stat("gen.yaml"); err == nil {
		return "gen.yaml", nil
	}
	return "", nil
}
