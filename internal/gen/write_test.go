package gen

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/oasgo/gen/internal/emit"
)

// The writer's tests: a generation A is written, hand-written entries are
// added beside it, then generation B (some files changed, some unchanged,
// some new, some stale) is written over it while the writer fails or is
// "killed" (a panic from writeHook: nothing is cleaned up, as after a
// SIGKILL) at each of its steps. killtest_test.go kills a real gen process.

// generation is a set of generated files with its manifest.
func generation(files map[string]string) []emit.File {
	var out []emit.File
	for _, p := range slices.Sorted(func(yield func(string) bool) {
		for p := range files {
			if !yield(p) {
				return
			}
		}
	}) {
		out = append(out, emit.File{Path: p, Data: []byte(files[p])})
	}
	return append(out, manifestFile(out, nil))
}

var header = "// " + emit.HeaderFor("") + "\n\n"

func genA() []emit.File {
	return generation(map[string]string{
		"go.mod":                    "module openapi\n",
		"sdk.go":                    header + "package sdk // A\n",
		"pkg/p/p.go":                header + "package p\n",
		"docs/models/a.md":          "# A\n",
		"docs/models/old/x.md":      "# X, which B no longer has\n",
		"docs/models/old/deep/y.md": "# Y, which B no longer has\n",
		"README.md":                 "# SDK A\n",
	})
}

func genB() []emit.File {
	return generation(map[string]string{
		"go.mod":           "module openapi\n",
		"sdk.go":           header + "package sdk // B\n",
		"pkg/p/p.go":       header + "package p\n",
		"pkg/q/q.go":       header + "package q\n",
		"docs/models/a.md": "# A\n",
		"docs/models/b.md": "# B\n",
		"README.md":        "# SDK B\n",
	})
}

// handWritten adds what a user keeps in the output folder: files, a Go file
// without gen's header, an empty folder, a symlink, a private folder, and a
// .git-like subtree with a read-only folder and read-only files.
func handWritten(t *testing.T, out string) {
	t.Helper()
	for p, data := range map[string]string{
		"notes.txt":                "mine\n",
		"mine.go":                  "package sdk // hand-written\n",
		"mine/sub/f.txt":           "deep\n",
		"docs/models/old/keep.md":  "a page of mine in a folder gen also uses\n",
		"private/secret.txt":       "s\n",
		".git/HEAD":                "ref: refs/heads/main\n",
		".git/objects/ab/cdef0123": "blob\n",
		".git/objects/ab/cdef4567": "blob 2\n",
	} {
		mustWrite(t, filepath.Join(out, p), data)
	}
	must(t, os.MkdirAll(filepath.Join(out, "mine", "empty"), 0o755))
	must(t, os.Symlink("../notes.txt", filepath.Join(out, "mine", "link")))
	must(t, os.Chmod(filepath.Join(out, "private"), 0o700))
	must(t, os.Chmod(filepath.Join(out, "mine.go"), 0o600))
	for _, f := range []string{"cdef0123", "cdef4567"} {
		must(t, os.Chmod(filepath.Join(out, ".git", "objects", "ab", f), 0o444))
	}
	must(t, os.Chmod(filepath.Join(out, ".git", "objects", "ab"), 0o555))
	t.Cleanup(func() { os.Chmod(filepath.Join(out, ".git", "objects", "ab"), 0o755) })
}

func mustWrite(t *testing.T, path, data string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, []byte(data), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// treeSig describes every entry under dir: folders with their mode, files
// with their mode and hash, symlinks with their target. "" when dir is
// missing.
func treeSig(t testing.TB, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		switch {
		case info.IsDir():
			fmt.Fprintf(&b, "%s/ %v\n", rel, info.Mode())
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s -> %s\n", rel, target)
		default:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, "%s %v %x\n", rel, info.Mode(), sha256.Sum256(data))
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// siblings are the staging folders Write may leave beside out.
func siblings(t testing.TB, out string) []string {
	t.Helper()
	var found []string
	for _, s := range []string{".gen-new", ".gen-old"} {
		p := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+s)
		if _, err := os.Lstat(p); err == nil {
			found = append(found, filepath.Base(p))
		}
	}
	return found
}

// setup writes generation A and the hand-written entries into a new
// folder; it returns the folder and its signature.
func setup(t *testing.T) (string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	must(t, Write(out, genA()))
	handWritten(t, out)
	return out, treeSig(t, out)
}

// wantTree is what writing B over A with the hand-written entries gives,
// built without the writer under test: B's files, the hand-written entries,
// nothing of A that B lacks.
func wantTree(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "want")
	for _, f := range genB() {
		mustWrite(t, filepath.Join(out, filepath.FromSlash(f.Path)), string(f.Data))
	}
	handWritten(t, out)
	return treeSig(t, out)
}

// steps records every step Write takes writing B over A.
func steps(t *testing.T) []string {
	t.Helper()
	out, _ := setup(t)
	var seen []string
	writeHook = func(s string) error { seen = append(seen, s); return nil }
	defer func() { writeHook = nil }()
	must(t, Write(out, genB()))
	return seen
}

type killed struct{}

// writeUntil writes B over out, the hook failing (fail) or panicking (a
// kill) at the step numbered at; it returns Write's error.
func writeUntil(out string, at int, kill bool) (err error) {
	n := 0
	writeHook = func(s string) error {
		if n++; n-1 == at {
			if kill {
				panic(killed{})
			}
			return fmt.Errorf("injected failure at %s", s)
		}
		return nil
	}
	defer func() {
		writeHook = nil
		if r := recover(); r != nil {
			if _, ok := r.(killed); !ok {
				panic(r)
			}
			err = errKilled
		}
	}()
	return Write(out, genB())
}

var errKilled = errors.New("killed")

// TestWriteFailsMidway: a write that fails at any step before the swap
// leaves the previous tree byte for byte (hand-written entries included)
// and no staging folder; one that fails after the swap (removing the old
// tree) leaves the new tree, and the next run removes the leftover.
func TestWriteFailsMidway(t *testing.T) {
	want := wantTree(t)
	for _, exch := range []bool{true, false} {
		t.Run(fmt.Sprintf("exchange=%v", exch), func(t *testing.T) {
			noExchange(t, !exch)
			all := steps(t)
			for i, s := range all {
				out, before := setup(t)
				err := writeUntil(out, i, false)
				if err == nil {
					t.Fatalf("failing at %s: no error", s)
				}
				got := treeSig(t, out)
				committed := slices.Contains([]string{"exchanged", "placed"}, s)
				switch {
				case !committed && got != before:
					t.Errorf("failing at %q: the old tree changed:\n%s", s, lineDiff(before, got))
				case committed && got != want:
					t.Errorf("failing at %q after the swap: not the new tree:\n%s", s, lineDiff(want, got))
				case !committed && len(siblings(t, out)) > 0:
					t.Errorf("failing at %q: left %v", s, siblings(t, out))
				}
				must(t, Write(out, genB()))
				if got := treeSig(t, out); got != want {
					t.Errorf("the run after failing at %q: not the new tree:\n%s", s, lineDiff(want, got))
				}
				if s := siblings(t, out); len(s) > 0 {
					t.Errorf("the run after a failure left %v", s)
				}
			}
		})
	}
}

// TestWriteKilledAtEveryStep: a kill at any step leaves the old tree, the
// new tree, or (between the fallback's two renames) the old tree beside a
// missing output folder; the next run restores or cleans up and writes
// exactly the new tree, hand-written entries intact.
func TestWriteKilledAtEveryStep(t *testing.T) {
	want := wantTree(t)
	for _, exch := range []bool{true, false} {
		t.Run(fmt.Sprintf("exchange=%v", exch), func(t *testing.T) {
			noExchange(t, !exch)
			all := steps(t)
			where := map[string]int{}
			for i, s := range all {
				out, before := setup(t)
				if err := writeUntil(out, i, true); err != errKilled {
					t.Fatalf("killing at %s: %v", s, err)
				}
				switch got := treeSig(t, out); {
				case got == before:
					where["old tree"]++
				case got == want:
					where["new tree"]++
				case got == "" && !exch && s == "moved old":
					where["old tree in .out.gen-old"]++
					if old := treeSig(t, filepath.Join(filepath.Dir(out), ".out.gen-old")); old != before {
						t.Errorf("killed at %q: .out.gen-old is not the old tree:\n%s", s, lineDiff(before, old))
					}
				default:
					t.Errorf("killed at %q: neither the old nor the new tree:\n%s", s, lineDiff(want, got))
				}
				must(t, Write(out, genB()))
				if got := treeSig(t, out); got != want {
					t.Errorf("the run after a kill at %q: not the new tree:\n%s", s, lineDiff(want, got))
				}
				if s := siblings(t, out); len(s) > 0 {
					t.Errorf("the run after a kill left %v", s)
				}
			}
			t.Logf("%d kills: %v", len(all), where)
		})
	}
}

// noExchange makes Write use the fallback's two renames, for the test.
func noExchange(t *testing.T, off bool) {
	if !off {
		if exchange == nil {
			t.Skip("no atomic exchange on this system")
		}
		return
	}
	saved := exchange
	exchange = nil
	t.Cleanup(func() { exchange = saved })
}

// lineDiff lists the lines only in a (-) and only in b (+).
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range al {
		if !slices.Contains(bl, l) {
			out = append(out, "- "+l)
		}
	}
	for _, l := range bl {
		if !slices.Contains(al, l) {
			out = append(out, "+ "+l)
		}
	}
	return strings.Join(out, "\n")
}

// TestWriteOrphans: what the previous manifest lists and this run does not
// produce is removed, with the folders it leaves empty; an old generated Go
// file gen's header marks (no manifest) too; hand-written files, the
// manifest does not list, survive, and so does a hand-made empty folder.
func TestWriteOrphans(t *testing.T) {
	out, _ := setup(t)
	mustWrite(t, filepath.Join(out, "pkg", "legacy", "l.go"), header+"package legacy\n")
	must(t, Write(out, genB()))
	for _, gone := range []string{"docs/models/old/x.md", "docs/models/old/deep/y.md", "docs/models/old/deep", "pkg/legacy/l.go", "pkg/legacy"} {
		if _, err := os.Lstat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	for _, kept := range []string{"notes.txt", "mine.go", "mine/sub/f.txt", "mine/empty", "mine/link", "docs/models/old/keep.md", ".git/objects/ab/cdef0123", "pkg/q/q.go"} {
		if _, err := os.Lstat(filepath.Join(out, kept)); err != nil {
			t.Errorf("%s is gone: %v", kept, err)
		}
	}
	if got, want := treeSig(t, out), wantTree(t); got != want {
		t.Errorf("not the new tree:\n%s", lineDiff(want, got))
	}
}

// TestWriteLinks: the hand-written files and the generated files that did
// not change are the same files as before (hard links: same inode, same
// modification time); a changed file is a new one.
func TestWriteLinks(t *testing.T) {
	out, _ := setup(t)
	stat := func(p string) fs.FileInfo {
		info, err := os.Lstat(filepath.Join(out, p))
		must(t, err)
		return info
	}
	paths := []string{"notes.txt", "mine.go", ".git/objects/ab/cdef0123", "pkg/p/p.go", "docs/models/a.md", "sdk.go"}
	before := map[string]fs.FileInfo{}
	for _, p := range paths {
		before[p] = stat(p)
	}
	must(t, Write(out, genB()))
	for _, p := range paths {
		if same := os.SameFile(before[p], stat(p)); same != (p != "sdk.go") {
			t.Errorf("%s: same file as before: %v", p, same)
		}
	}
}

// TestWriteUnchanged: writing what the folder holds writes nothing: the
// folder is not swapped and no file is touched.
func TestWriteUnchanged(t *testing.T) {
	out, before := setup(t)
	dirInfo, err := os.Stat(out)
	must(t, err)
	writeHook = func(s string) error { return fmt.Errorf("step %s: nothing should be written", s) }
	defer func() { writeHook = nil }()
	must(t, Write(out, genA()))
	after, err := os.Stat(out)
	must(t, err)
	if !os.SameFile(dirInfo, after) || !after.ModTime().Equal(dirInfo.ModTime()) {
		t.Error("the folder was replaced or touched")
	}
	if got := treeSig(t, out); got != before {
		t.Errorf("the tree changed:\n%s", lineDiff(before, got))
	}
}

// TestWriteRecovers: what a killed run leaves is repaired first: a missing
// output folder with its old tree in .out.gen-old is renamed back (and its
// hand-written entries carried into the new tree), a stray .out.gen-new is
// removed.
func TestWriteRecovers(t *testing.T) {
	out, _ := setup(t)
	parent := filepath.Dir(out)
	must(t, os.Rename(out, filepath.Join(parent, ".out.gen-old")))
	mustWrite(t, filepath.Join(parent, ".out.gen-new", "half", "written.go"), "package half\n")
	must(t, Write(out, genB()))
	if got, want := treeSig(t, out), wantTree(t); got != want {
		t.Errorf("not the new tree:\n%s", lineDiff(want, got))
	}
	if s := siblings(t, out); len(s) > 0 {
		t.Errorf("left %v", s)
	}
}

// TestWriteSymlinkOut: when the output folder is a symlink, the folder it
// points to is swapped (its staging folder beside it) and the symlink
// stays.
func TestWriteSymlinkOut(t *testing.T) {
	target, _ := setup(t)
	link := filepath.Join(t.TempDir(), "link")
	must(t, os.Symlink(target, link))
	must(t, Write(link, genB()))
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v", err)
	}
	if got, want := treeSig(t, target), wantTree(t); got != want {
		t.Errorf("the target is not the new tree:\n%s", lineDiff(want, got))
	}
	for _, d := range []string{link, target} {
		entries, err := os.ReadDir(filepath.Dir(d))
		must(t, err)
		if len(entries) != 1 {
			t.Errorf("beside %s: %v", d, entries)
		}
	}
	// A relative symlink, to a symlink.
	link2 := filepath.Join(filepath.Dir(link), "link2")
	must(t, os.Symlink("link", link2))
	must(t, Write(link2, genA()))
	if _, err := os.Stat(filepath.Join(target, "docs", "models", "old", "x.md")); err != nil {
		t.Errorf("writing A through two symlinks: %v", err)
	}
}

// TestWriteOutIsFile: an output that is a file is an error, nothing is
// written.
func TestWriteOutIsFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustWrite(t, out, "a file\n")
	if err := Write(out, genB()); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("error %v, want: not a folder", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("written beside the file: %v", entries)
	}
	if data, _ := os.ReadFile(out); string(data) != "a file\n" {
		t.Errorf("the file changed: %q", data)
	}
}

// TestWriteCurrentFolder: an output folder that is the current folder, or
// contains it, is written in place (it is never renamed from under the
// shell), with no staging folder beside it.
func TestWriteCurrentFolder(t *testing.T) {
	want := wantTree(t)
	for _, cwd := range []string{".", "mine/sub"} {
		t.Run(cwd, func(t *testing.T) {
			out, _ := setup(t)
			before, err := os.Stat(out)
			must(t, err)
			t.Chdir(filepath.Join(out, cwd))
			rel, _ := filepath.Rel(filepath.Join(out, cwd), out)
			writeHook = func(s string) error { return fmt.Errorf("step %s: the swapping writer ran", s) }
			defer func() { writeHook = nil }()
			must(t, Write(rel, genB()))
			after, err := os.Stat(out)
			must(t, err)
			if !os.SameFile(before, after) {
				t.Error("the folder was replaced")
			}
			if got := treeSig(t, out); got != want {
				t.Errorf("not the new tree:\n%s", lineDiff(want, got))
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
				t.Errorf("written beside the folder: %v", entries)
			}
		})
	}
}

// TestWriteNewFolder: a missing output folder (and missing parents) is
// created; a failure removes what was created.
func TestWriteNewFolder(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "a", "b", "out")
	writeHook = func(s string) error {
		if s == "built" {
			return errors.New("injected")
		}
		return nil
	}
	err := Write(out, genB())
	writeHook = nil
	if err == nil {
		t.Fatal("no error")
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	must(t, Write(out, genB()))
	if got := readFiles(t, out); len(got) != len(genB()) {
		t.Errorf("%d files, want %d", len(got), len(genB()))
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("beside the folder: %v", entries)
	}
}

func readFiles(t *testing.T, dir string) []string {
	var out []string
	must(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, path)
		}
		return err
	}))
	return out
}

// TestWriteParentNotWritable: the staging folder cannot be made: a clear
// error, the folder as it was.
func TestWriteParentNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in a read-only folder")
	}
	out, before := setup(t)
	parent := filepath.Dir(out)
	must(t, os.Chmod(parent, 0o555))
	defer os.Chmod(parent, 0o755)
	err := Write(out, genB())
	if err == nil || !strings.Contains(err.Error(), "beside the output folder") {
		t.Errorf("error %v, want one saying the staging folder beside the output cannot be made", err)
	}
	if got := treeSig(t, out); got != before {
		t.Errorf("the tree changed:\n%s", lineDiff(before, got))
	}
}

// TestWriteConflict: a hand-written file where B puts a folder is an error,
// and nothing changes.
func TestWriteConflict(t *testing.T) {
	out, _ := setup(t)
	must(t, os.RemoveAll(filepath.Join(out, "pkg", "q")))
	mustWrite(t, filepath.Join(out, "pkg", "q"), "mine\n")
	before := treeSig(t, out)
	err := Write(out, genB())
	if err == nil || !strings.Contains(err.Error(), "pkg/q/q.go") {
		t.Errorf("error %v, want one naming pkg/q/q.go", err)
	}
	if got := treeSig(t, out); got != before {
		t.Errorf("the tree changed:\n%s", lineDiff(before, got))
	}
	if s := siblings(t, out); len(s) > 0 {
		t.Errorf("left %v", s)
	}
}
