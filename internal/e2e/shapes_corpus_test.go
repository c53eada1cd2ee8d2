package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/testkit/specserver"
)

// The shapes corpus: testdata/shapes holds one small spec per shape class
// (enums, names, objects, unions, parameter styles, servers, responses,
// security). TestShapesCorpus holds every one of them to the contract of
// TestDocSnippets: every Go program of the generated pages compiles, runs,
// sends exactly one request that the spec accepts and decodes the answer, and
// every operation's own snippet keeps its contract. Operations may also fix
// the exact wire text their example call must produce, from the table of
// https://spec.openapis.org/oas/v3.0.3#style-examples:
//
//	x-expect-origin: 'https://eu.api.example.com' # scheme and host addressed
//	x-expect-path: '/v1/users/.3,4,5'        # raw path, byte for byte
//	x-expect-query: 'color=blue&color=black' # raw query; parameters (and
//	                                          # object properties) may come in
//	                                          # any order, repeated keys not
//	x-expect-header: {X-Ids: '3,4,5'}        # one header line each
//	x-expect-cookie: {ids: '3,4,5'}          # raw cookie values
//	x-expect-body: {points: [null, 3]}       # the JSON body, as a value
//	x-expect-form: 'a=1&b=x'                 # a urlencoded body, byte for byte
//	x-expect-raw: 'bytes'                    # any body, byte for byte
//	x-expect-parts: ['f file=a.bin type=image/png: data', 'n: 1'] # multipart parts, any order
//
// It is a snippet corpus (corpus_test.go): one module "shapes", one build.

// wireExpect is what an operation's example call must put on the wire.
type wireExpect struct {
	origin, path, query string
	header, cookie      map[string]string
	hasPath, hasQ       bool
	body                any // JSON value; nil when not given
	form                string
	hasForm             bool     // form: the raw urlencoded body, byte for byte
	parts               []string // multipart parts (multipartParts), any order
}

func (w wireExpect) empty() bool {
	return w.body == nil && w.origin == "" && !w.hasPath && !w.hasQ && !w.hasForm && w.parts == nil && len(w.header) == 0 && len(w.cookie) == 0
}

func TestShapesCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the SDKs of the shapes corpus")
	}
	root := repoRoot(t)
	paths, err := filepath.Glob(filepath.Join(root, "internal", "e2e", "testdata", "shapes", "*.yml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no specs in testdata/shapes (%v)", err)
	}
	sort.Strings(paths)
	if only := os.Getenv("GEN_SHAPES_ONLY"); only != "" {
		// A substring of the spec names to run, while working on one shape.
		var some []string
		for _, p := range paths {
			if strings.Contains(filepath.Base(p), only) {
				some = append(some, p)
			}
		}
		paths = some
	}
	var specs []*corpusSpec
	for _, p := range paths {
		specs = append(specs, &corpusSpec{name: strings.TrimSuffix(filepath.Base(p), ".yml"), path: p, wire: true})
	}
	start := time.Now()
	_, times := runCorpus(t, "shapes", specs, corpusOptions{vetAll: true})
	logCorpusReport(t, specs)
	t.Logf("runtime: %.1fs (%s)", time.Since(start).Seconds(), times)
	corpusSubtests(t, specs)
}

// wireExpectations reads the x-expect-* extensions of the spec's operations.
func wireExpectations(path string) (map[string]wireExpect, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]wireExpect{}
	for _, p := range doc.Paths.InMatchingOrder() {
		for _, op := range doc.Paths.Value(p).Operations() {
			var w wireExpect
			for key, v := range op.Extensions {
				switch key {
				case "x-expect-body":
					w.body = v
				case "x-expect-form", "x-expect-raw":
					w.form, w.hasForm = fmt.Sprint(v), true
				case "x-expect-parts":
					list, ok := v.([]any)
					if !ok {
						return nil, fmt.Errorf("%s: x-expect-parts of %s is not a list", path, op.OperationID)
					}
					for _, x := range list {
						w.parts = append(w.parts, fmt.Sprint(x))
					}
				case "x-expect-origin":
					w.origin = fmt.Sprint(v)
				case "x-expect-path":
					w.path, w.hasPath = fmt.Sprint(v), true
				case "x-expect-query":
					w.query, w.hasQ = fmt.Sprint(v), true
				case "x-expect-header", "x-expect-cookie":
					m, ok := v.(map[string]any)
					if !ok {
						return nil, fmt.Errorf("%s: %s of %s is not a map", path, key, op.OperationID)
					}
					dst := map[string]string{}
					for k, x := range m {
						dst[k] = fmt.Sprint(x)
					}
					if key == "x-expect-header" {
						w.header = dst
					} else {
						w.cookie = dst
					}
				}
			}
			if !w.empty() {
				if op.OperationID == "" {
					return nil, fmt.Errorf("%s: x-expect-* on an operation without operationId", path)
				}
				out[op.OperationID] = w
			}
		}
	}
	return out, nil
}

// diff describes how rec differs from w ("" when it matches).
func (w wireExpect) diff(rec specserver.Record) string {
	var d []string
	if w.origin != "" && rec.Origin != w.origin {
		d = append(d, fmt.Sprintf("origin: sent to %q, want %q", rec.Origin, w.origin))
	}
	if w.body != nil {
		var sent any
		if err := json.Unmarshal(rec.Body, &sent); err != nil {
			d = append(d, fmt.Sprintf("body: sent %q, not JSON: %v", rec.Body, err))
		} else if !reflect.DeepEqual(sent, w.body) {
			want, _ := json.Marshal(w.body)
			d = append(d, fmt.Sprintf("body: sent %s, want %s", bytes.TrimSpace(rec.Body), want))
		}
	}
	if w.hasForm && string(rec.Body) != w.form {
		d = append(d, fmt.Sprintf("form body: sent %q, want %q", rec.Body, w.form))
	}
	if w.parts != nil {
		got, err := multipartParts(rec)
		if err != nil {
			d = append(d, "multipart body: "+err.Error())
		} else if want := slices.Sorted(slices.Values(w.parts)); !slices.Equal(got, want) {
			d = append(d, fmt.Sprintf("multipart body: sent parts %q, want %q", got, want))
		}
	}
	if w.hasPath && rec.RawPath != w.path {
		d = append(d, fmt.Sprintf("path: sent %q, want %q%s", rec.RawPath, w.path, escapingOnly(rec.RawPath, w.path, url.PathUnescape)))
	}
	if w.hasQ && normalQuery(rec.Query) != normalQuery(w.query) {
		d = append(d, fmt.Sprintf("query: sent %q, want %q%s", rec.Query, w.query, escapingOnly(normalQuery(rec.Query), normalQuery(w.query), url.QueryUnescape)))
	}
	for _, name := range sortedKeys(w.header) {
		got := rec.Header.Values(name)
		if len(got) != 1 || got[0] != w.header[name] {
			d = append(d, fmt.Sprintf("header %s: sent %q, want %q", name, got, w.header[name]))
		}
	}
	if len(w.cookie) > 0 {
		sent := map[string]string{}
		for _, line := range rec.Header.Values("Cookie") {
			for _, part := range strings.Split(line, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
				sent[k] = v
			}
		}
		for _, name := range sortedKeys(w.cookie) {
			if got, ok := sent[name]; !ok || got != w.cookie[name] {
				d = append(d, fmt.Sprintf("cookie %s: sent %q (Cookie: %q), want %q", name, got, rec.Header.Values("Cookie"), w.cookie[name]))
			}
		}
	}
	return strings.Join(d, "; ")
}

// escapingOnly notes when two texts differ only in percent-encoding.
func escapingOnly(got, want string, unescape func(string) (string, error)) string {
	g, err1 := unescape(got)
	w, err2 := unescape(want)
	if err1 == nil && err2 == nil && g == w {
		return " (differs only in percent-encoding)"
	}
	return ""
}

// normalQuery orders the &-separated pieces of a query by key, keeping the
// order of pieces that share a key (the items of an exploded array).
func normalQuery(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	sort.SliceStable(parts, func(i, j int) bool {
		ki, _, _ := strings.Cut(parts[i], "=")
		kj, _, _ := strings.Cut(parts[j], "=")
		return ki < kj
	})
	return strings.Join(parts, "&")
}

// multipartParts lists the parts of a multipart body, sorted, each as
// "name[ file=filename][ type=Content-Type][ Header=value...]: content".
func multipartParts(rec specserver.Record) ([]string, error) {
	mediaType, ps, err := mime.ParseMediaType(rec.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" || ps["boundary"] == "" {
		return nil, fmt.Errorf("Content-Type %q is not multipart/form-data with a boundary", rec.Header.Get("Content-Type"))
	}
	r := multipart.NewReader(bytes.NewReader(rec.Body), ps["boundary"])
	var out []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(p)
		if err != nil {
			return nil, err
		}
		s := p.FormName()
		if _, ps, _ := mime.ParseMediaType(p.Header.Get("Content-Disposition")); ps != nil {
			if f, ok := ps["filename"]; ok {
				s += " file=" + f
			}
		}
		if ct := p.Header.Get("Content-Type"); ct != "" {
			s += " type=" + ct
		}
		for _, h := range slices.Sorted(maps.Keys(p.Header)) {
			if h != "Content-Type" && h != "Content-Disposition" {
				s += " " + h + "=" + strings.Join(p.Header[h], ",")
			}
		}
		out = append(out, s+": "+string(data))
	}
	slices.Sort(out)
	return out, nil
}
