package model

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are upper-cased as whole words, as the reference SDK does
// (RedirectURI, XApideckAppID, UnifiedAPIIDEnum). A plural such as "apis" is
// a different word and stays "Apis".
var initialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "CPU": true, "CSS": true, "DNS": true,
	"EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true,
	"IP": true, "JSON": true, "JWT": true, "LHS": true, "QPS": true, "RAM": true, "RHS": true,
	"RPC": true, "SLA": true, "SMTP": true, "SQL": true, "SSH": true, "TCP": true,
	"TLS": true, "TTL": true, "UDP": true, "UI": true, "UID": true, "UUID": true,
	"URI": true, "URL": true, "UTF8": true, "VM": true, "XML": true, "XMPP": true,
	"XSRF": true, "XSS": true,
}

// Words splits s into words at separators (anything not a letter or digit)
// and at case changes: "unified_apis" -> [unified apis], "UnifiedApiId" ->
// [Unified Api Id], "OAuthGrantType" -> [O Auth Grant Type], "HTTPServer" ->
// [HTTP Server].
func Words(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && unicode.IsUpper(r) {
			prev := cur[len(cur)-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}

// Pascal turns a spec name into an exported Go identifier:
// "redirect_uri" -> "RedirectURI", "x-apideck-app-id" -> "XApideckAppID",
// "sessionsCreate" -> "SessionsCreate". Words already upper-case in the
// spec (other than initialisms) keep only their first letter upper-case
// when they came from snake or kebab case, as the reference SDK does. An
// empty result is "Empty"; a leading digit gets the prefix "N".
func Pascal(s string) string {
	var b strings.Builder
	for _, w := range Words(s) {
		up := strings.ToUpper(w)
		if initialisms[up] {
			b.WriteString(up)
			continue
		}
		rs := []rune(w)
		b.WriteRune(unicode.ToUpper(rs[0]))
		rest := string(rs[1:])
		if strings.ToUpper(w) == w {
			rest = strings.ToLower(rest)
		}
		b.WriteString(rest)
	}
	out := b.String()
	if out == "" {
		return "Empty"
	}
	if r := []rune(out)[0]; unicode.IsDigit(r) {
		out = "N" + out
	} else if !unicode.IsUpper(r) {
		// A letter without case (名) would make the name unexported.
		out = "X" + out
	}
	return Shorten(out)
}

// MaxName is the longest Go name gen declares, in bytes: a file is named
// after its declaration (lower-cased, ".go" or ".md" added) and file systems
// refuse names over 255 bytes.
const MaxName = 100

// Shorten keeps names of at most MaxName bytes as they are; a longer one is
// cut (at a rune boundary) and ends with 8 hex digits of a hash of the whole
// name, so that it stays unique and the same from run to run.
func Shorten(name string) string {
	if len(name) <= MaxName {
		return name
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	cut := MaxName - 9
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return fmt.Sprintf("%sH%08x", name[:cut], h.Sum32())
}

// EnumValueName is the Go name part of an enum value: "customer-support" ->
// "CustomerSupport", "crm.notes.updated" -> "CrmNotesUpdated", "*" -> "Star".
// Values that are only punctuation are spelled out so they stay distinct.
func EnumValueName(v string) string {
	if strings.IndexFunc(v, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		var parts []string
		for _, r := range v {
			if n, ok := punctNames[r]; ok {
				parts = append(parts, n)
			} else {
				parts = append(parts, "U"+strconv.FormatInt(int64(r), 16))
			}
		}
		if len(parts) == 0 {
			return "Empty"
		}
		return strings.Join(parts, "")
	}
	return Pascal(v)
}

var punctNames = map[rune]string{
	'*': "Star", '+': "Plus", '-': "Minus", '.': "Dot", '/': "Slash", '_': "Underscore",
	'#': "Hash", '@': "At", '!': "Bang", '?': "Question", '$': "Dollar", '%': "Percent",
	'&': "And", '=': "Equals", ':': "Colon", ' ': "Space", '~': "Tilde",
}

// FileName is the Go file for a declaration named goName: lower-case, ".go".
// Names that would make the go tool ignore or special-case the file (a
// leading "_" or ".", a "_test" or GOOS/GOARCH suffix) cannot arise because
// goName is a Pascal identifier without underscores.
func FileName(goName string) string { return strings.ToLower(goName) + ".go" }

// DocDir is the docs folder of a tag: lower-cased, spaces and anything not a
// letter or digit removed ("Custom Mappings" -> "custommappings").
func DocDir(tag string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(tag) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "default"
	}
	return b.String()
}

// SortTypes orders named types by package, file, then name.
func SortTypes(ts []*Type) {
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.Pkg != b.Pkg {
			return a.Pkg < b.Pkg
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Name < b.Name
	})
}

// SortFields orders struct fields by Go name, as the reference SDK does.
func SortFields(fs []*Field) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].GoName < fs[j].GoName })
}

// ValidJSONName reports whether encoding/json can carry name in a struct tag
// (letters, digits and a fixed set of punctuation; no quote, backslash,
// backtick or comma). Other names would break or inject into the tag.
func ValidJSONName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return true
}
