package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/oasgo/gen/internal/model"
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
//	rename: false               # forget the recorded names (-rename)
//	include: {tags: [Sessions]}
//	exclude: {operations: [connectionsRevoke]}
type config struct {
	flags            map[string]string // flag name -> value, for the flag set
	include, exclude parser.OperationFilter
}

// configKeys are the keys of gen.yaml that set a flag, and its name.
var configKeys = map[string]string{
	"spec": "spec", "out": "out", "module": "module", "package": "package",
	"strict": "strict", "ignoreNameOverrides": "ignore-name-overrides", "allowExternalRefs": "allow-external-refs",
	"rename": "rename",
}

// configBools are the keys whose value is true or false.
var configBools = map[string]bool{"strict": true, "ignoreNameOverrides": true, "allowExternalRefs": true, "rename": true}

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
	c := &config{flags: map[string]string{}}
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
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if k.Value == "include" || k.Value == "exclude" {
			f, err := decodeFilter(path, v, k.Value, at)
			if err != nil {
				return nil, err
			}
			if k.Value == "include" {
				c.include = f
			} else {
				c.exclude = f
			}
			continue
		}
		name, ok := configKeys[k.Value]
		if !ok {
			known := append(slices.Collect(maps.Keys(configKeys)), "include", "exclude")
			sort.Strings(known)
			return nil, at(k, "unknown key %q (known: %s)", k.Value, strings.Join(known, ", "))
		}
		switch {
		case configBools[k.Value] && (v.Kind != yaml.ScalarNode || v.Tag != "!!bool"):
			return nil, at(v, "%s must be true or false", k.Value)
		case !configBools[k.Value] && (v.Kind != yaml.ScalarNode || v.Tag != "!!str"):
			return nil, at(v, "%s must be a string", k.Value)
		}
		value := v.Value
		if k.Value == "spec" || k.Value == "out" {
			value = filepath.Join(filepath.Dir(path), value) // relative to the file
		}
		c.flags[name] = value
	}
	return c, nil
}

// decodeFilter reads include/exclude: {tags: [...], operations: [...]}.
func decodeFilter(file string, v *yaml.Node, key string, at func(*yaml.Node, string, ...any) error) (parser.OperationFilter, error) {
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
			entry := "operation " + item.Value
			if k.Value == "tags" {
				f.Tags = append(f.Tags, item.Value)
				entry = "tag " + item.Value
			} else {
				f.Operations = append(f.Operations, item.Value)
			}
			if f.Pos == nil {
				f.Pos = map[string]model.Pos{}
			}
			f.Pos[entry] = model.Pos{File: file, Line: item.Line, Col: item.Column}
		}
	}
	return f, nil
}

// findConfig is the gen.yaml to read: -config's, else gen.yaml in the
// current folder, else gen.yaml next to the spec -spec names, else none
// ("").
func findConfig(flagValue, spec string) (string, error) {
	if flagValue != "" {
		if _, err := os.Stat(flagValue); err != nil {
			return "", err
		}
		return flagValue, nil
	}
	if _, err := os.Stat("gen.yaml"); err == nil {
		return "gen.yaml", nil
	}
	if beside := filepath.Join(filepath.Dir(spec), "gen.yaml"); spec != "" {
		if _, err := os.Stat(beside); err == nil {
			return beside, nil
		}
	}
	return "", nil
}
