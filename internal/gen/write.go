package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/oasgo/gen/internal/emit"
)

// Write puts files (a whole generation, gen-manifest.json included) under
// dir so that a failure or a kill at any point leaves dir holding either its
// previous tree or the new one, never a mix:
//
//  1. Recover from an earlier run that was killed: when dir is missing and
//     its old-tree sibling .<base>.gen-old exists (a kill between the two
//     renames of step 4's fallback), that tree is renamed back to dir; then
//     the siblings .<base>.gen-new and .<base>.gen-old are removed.
//  2. If dir already holds every file byte for byte and nothing stale,
//     nothing is written (no swap: modification times stay).
//  3. The new tree is built in the staging folder .<base>.gen-new, beside
//     dir (same parent, so the same filesystem; a dot name, so the go tool
//     ignores it): every generated file, and every entry of dir gen did not
//     write, hand-written files and folders (a .git too), carried over as
//     hard links (a copy where linking fails), symlinks as symlinks, with
//     their modes and the folders' modes. What gen wrote and no longer
//     produces (the previous manifest's files and Go files with gen's
//     header, see staleFiles) is not carried: orphans go, and folders they
//     leave empty. A generated file dir already holds byte for byte is
//     hard-linked too, so that it keeps its modification time as with an
//     in-place writer (make, editors and file watchers see only what
//     changed).
//  4. The staging folder is swapped into place: on Linux one
//     renameat2(RENAME_EXCHANGE) of the two folders; where that is not
//     available, dir is renamed to .<base>.gen-old and the staging folder to
//     dir (step 1 repairs a kill between the two). The old tree, now under
//     a sibling's name, is then removed; a kill during that removal leaves
//     a sibling the next run removes.
//
// A file gen did not write that is in the way of a generated one (a
// hand-written file named like a generated folder) is an error, and nothing
// is written. When dir is a symlink, the folder it points to is swapped and
// the symlink stays. When dir is the current folder or contains it (-out .),
// renaming it would pull the folder from under the user's shell, and when
// dir is a mount point or holds one, it cannot be renamed (or the mount,
// left in the old tree, would be emptied with it): there Write falls back to
// writing in place (writeInPlace: changed files staged as dot files and
// renamed in one by one), where a failure still leaves the old tree but a
// kill can leave a mix. Neither writer syncs files to disk: the guarantee
// is against gen failing or being killed, not against the machine losing
// power. Two runs of gen on one folder at once are not supported (they share
// the staging names). A hand-written file saved by replacing it while gen
// is writing (the window of step 3) keeps its previous content, since the
// new tree links the file as it was.
func Write(dir string, files []emit.File) (err error) {
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return err
		}
	}
	out, err := resolveOut(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if parent == out { // the root of the filesystem
		return writeInPlace(out, files)
	}
	w := &swapWriter{
		out:    out,
		newDir: filepath.Join(parent, "."+base+".gen-new"),
		oldDir: filepath.Join(parent, "."+base+".gen-old"),
		files:  files,
	}
	if err := w.recover(); err != nil {
		return err
	}
	info, err := os.Lstat(out)
	switch {
	case err == nil && !info.IsDir():
		return fmt.Errorf("%s is not a folder", dir)
	case err == nil:
		if containsCwd(out) || mountPoint(out) {
			return writeInPlace(out, files)
		}
		w.mode = info.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSticky)
		err = w.write(true)
	case os.IsNotExist(err):
		err = w.write(false)
	default:
		return err
	}
	if errors.Is(err, errCannotRename) {
		// A mount point (or a bind mount of a folder): only in place.
		return writeInPlace(out, files)
	}
	return err
}

var (
	// writeHook, set by tests, is called at each step of the swapping
	// writer: "staged <path>" after each generated file, "carried <path>"
	// after each entry carried over, "built", then "exchanged" (Linux), or
	// "moved old" and "placed" (the fallback), or "placed" alone when dir
	// did not exist. An error fails the write there; a panic stands for a
	// kill (nothing is cleaned up).
	writeHook func(step string) error

	// writePause is GEN_DEBUG_WRITE_PAUSE (a duration, read once): each step
	// of the swapping writer sleeps that long, so that a test can kill a
	// gen process while it writes.
	writePause, _ = time.ParseDuration(os.Getenv("GEN_DEBUG_WRITE_PAUSE"))

	// errCannotRename: the output folder cannot be renamed within its
	// parent (EXDEV, EBUSY: a mount point), or it holds a mount point,
	// which removing the old tree would empty.
	errCannotRename = errors.New("the output folder cannot be renamed")

	// errNoExchange: exchange is not supported on this filesystem or
	// kernel; the two renames do instead.
	errNoExchange = errors.New("no atomic exchange")
)

func step(name string) error {
	if writePause > 0 {
		time.Sleep(writePause)
	}
	if writeHook != nil {
		return writeHook(name)
	}
	return nil
}

// swapWriter writes out through a staging folder, newDir, swapped into
// place; oldDir holds the old tree between the two renames of the fallback.
type swapWriter struct {
	out, newDir, oldDir string
	files               []emit.File
	mode                fs.FileMode // out's, when it exists

	keep  map[string]bool // every generated file (OS-separated, relative)
	same  map[string]bool // generated files out holds already, regular files with the same bytes
	stale map[string]bool // files an earlier run wrote that this one does not produce

	dirModes map[string]fs.FileMode // out's folders (relative), to give their staged twins
}

// resolveOut is dir made absolute with its parent's symlinks resolved and,
// when dir itself is a symlink (to a symlink ...), the path it points to:
// the folder to swap, so that the symlink stays a symlink.
func resolveOut(dir string) (string, error) {
	p, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for range 40 {
		if real, err := filepath.EvalSymlinks(filepath.Dir(p)); err == nil {
			p = filepath.Join(real, filepath.Base(p))
		}
		info, err := os.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		p = filepath.Clean(target)
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", dir)
}

// containsCwd: out is the current folder or one of its parents.
func containsCwd(out string) bool {
	cwd, err := os.Getwd()
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(cwd); err == nil {
		cwd = real
	}
	rel, err := filepath.Rel(out, cwd)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// recover undoes what a killed run left (see Write, step 1).
func (w *swapWriter) recover() error {
	if _, err := os.Lstat(w.out); os.IsNotExist(err) {
		if info, err := os.Lstat(w.oldDir); err == nil && info.IsDir() {
			if err := os.Rename(w.oldDir, w.out); err != nil {
				return fmt.Errorf("restoring %s from an interrupted run's %s: %w", w.out, w.oldDir, err)
			}
		}
	}
	for _, d := range []string{w.newDir, w.oldDir} {
		if err := removeTree(d); err != nil {
			return fmt.Errorf("removing an interrupted run's %s: %w", d, err)
		}
	}
	return nil
}

// write builds the staging folder and swaps it into place; exists is
// whether out exists (a folder).
func (w *swapWriter) write(exists bool) (err error) {
	w.keep, w.same, w.stale = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range w.files {
		w.keep[filepath.FromSlash(f.Path)] = true
	}
	var madeDirs []string // out's missing parents
	if exists {
		changed := false
		for _, f := range w.files {
			rel := filepath.FromSlash(f.Path)
			p := filepath.Join(w.out, rel)
			if old, err := os.ReadFile(p); err != nil || !bytes.Equal(old, f.Data) {
				changed = true
			} else if info, err := os.Lstat(p); err == nil && info.Mode().IsRegular() {
				w.same[rel] = true
			}
		}
		stale, err := staleFiles(w.out, w.keep, previousFiles(w.out))
		if err != nil {
			return err
		}
		for _, rel := range stale {
			w.stale[rel] = true
		}
		if !changed && len(stale) == 0 {
			return nil
		}
	} else {
		madeDirs, err = mkdirAll(filepath.Dir(w.out))
		if err != nil {
			return err
		}
	}
	// Undone on an error, not on a panic (a test's kill).
	committed := false
	defer func() {
		if err != nil && !committed {
			removeTree(w.newDir)
			for i := len(madeDirs) - 1; i >= 0; i-- {
				os.Remove(madeDirs[i]) // only if still empty
			}
		}
	}()
	perm := fs.FileMode(0o700) // until built: nobody else needs to look in
	if !exists {
		perm = 0o755
	}
	if err := os.Mkdir(w.newDir, perm); err != nil {
		if os.IsExist(err) {
			return err
		}
		return fmt.Errorf("cannot make the staging folder beside the output folder (gen builds the new tree in the output's parent folder, then swaps it in: the parent must be writable): %w", err)
	}
	if err := w.build(exists); err != nil {
		return err
	}
	if err := step("built"); err != nil {
		return err
	}
	if !exists {
		if err := os.Rename(w.newDir, w.out); err != nil {
			return err
		}
		committed = true
		return step("placed")
	}
	if exchange != nil {
		err := exchange(w.newDir, w.out)
		switch {
		case err == nil:
			committed = true
			if err := step("exchanged"); err != nil {
				return err
			}
			// The old tree is under the staging name now.
			return w.removeOld(w.newDir)
		case cannotRename(err):
			return fmt.Errorf("%w: %w", errCannotRename, err)
		case !errors.Is(err, errNoExchange):
			return err
		}
	}
	if err := os.Rename(w.out, w.oldDir); err != nil {
		if cannotRename(err) {
			return fmt.Errorf("%w: %w", errCannotRename, err)
		}
		return err
	}
	if err := step("moved old"); err != nil {
		os.Rename(w.oldDir, w.out)
		return err
	}
	if err := os.Rename(w.newDir, w.out); err != nil {
		if err2 := os.Rename(w.oldDir, w.out); err2 != nil {
			// The next run's recovery renames it back.
			return fmt.Errorf("%w; the previous tree is in %s: %w", err, w.oldDir, err2)
		}
		return err
	}
	committed = true
	if err := step("placed"); err != nil {
		return err
	}
	return w.removeOld(w.oldDir)
}

// removeOld removes the old tree once the new one is in place.
func (w *swapWriter) removeOld(dir string) error {
	if err := removeTree(dir); err != nil {
		return fmt.Errorf("%s is written, but the previous tree in %s could not be removed (the next run removes it): %w", w.out, dir, err)
	}
	return nil
}

// build fills the staging folder: the generated files, then what out holds
// that gen did not write.
func (w *swapWriter) build(exists bool) error {
	for _, f := range w.files {
		rel := filepath.FromSlash(f.Path)
		dst := filepath.Join(w.newDir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if !w.same[rel] || os.Link(filepath.Join(w.out, rel), dst) != nil {
			if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
				return err
			}
		}
		if err := step("staged " + f.Path); err != nil {
			return err
		}
	}
	if !exists {
		return nil
	}
	w.dirModes = map[string]fs.FileMode{}
	children := map[string]int{} // entries of each folder of out
	var dirs []string
	err := filepath.WalkDir(w.out, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(w.out, path)
		if rel == "." {
			return nil
		}
		children[filepath.Dir(rel)]++
		if d.IsDir() {
			if mountPoint(path) {
				// Swapped with the old tree, it would be emptied with it.
				return fmt.Errorf("%w: %s is a mount point", errCannotRename, path)
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			w.dirModes[rel] = info.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSticky)
			dirs = append(dirs, rel)
			return nil
		}
		if w.keep[rel] || w.stale[rel] || isInPlaceTemp(d.Name()) {
			return nil
		}
		if err := w.carry(rel, d); err != nil {
			return err
		}
		return step("carried " + filepath.ToSlash(rel))
	})
	if err != nil {
		return err
	}
	// Folders that were empty stay (hand-made); folders that held only
	// what gen no longer writes are not made.
	for _, rel := range dirs {
		if children[rel] == 0 {
			if err := w.stagedDir(rel); err != nil {
				return err
			}
		}
	}
	// Folders take their old modes, innermost first (a read-only folder
	// last); the staging folder takes out's.
	slices.Reverse(dirs)
	for _, rel := range dirs {
		p := filepath.Join(w.newDir, rel)
		if info, err := os.Lstat(p); err == nil && info.IsDir() {
			if err := os.Chmod(p, w.dirModes[rel]); err != nil {
				return err
			}
		}
	}
	return os.Chmod(w.newDir, w.mode)
}

// isInPlaceTemp: name is a temporary file of writeInPlace (.NAME.gen-tmp),
// which an interrupted in-place write may have left: not carried over.
func isInPlaceTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".gen-tmp")
}

// stagedDir makes the staging twin of out's folder rel (and its parents)
// if missing; a file in the way is a conflict.
func (w *swapWriter) stagedDir(rel string) error {
	if rel == "." {
		return nil
	}
	if err := w.stagedDir(filepath.Dir(rel)); err != nil {
		return err
	}
	p := filepath.Join(w.newDir, rel)
	info, err := os.Lstat(p)
	switch {
	case err == nil && info.IsDir():
		return nil
	case err == nil:
		return w.conflict(rel)
	}
	return os.Mkdir(p, 0o700) // its mode once built
}

// conflict: out's entry rel, which gen did not write, is where a generated
// file is, or inside its path.
func (w *swapWriter) conflict(rel string) error {
	for _, f := range w.files {
		p := filepath.FromSlash(f.Path)
		if strings.HasPrefix(p, rel+string(filepath.Separator)) || strings.HasPrefix(rel, p+string(filepath.Separator)) {
			return fmt.Errorf("%s, which gen did not write, is in the way of the generated %s: move it (or delete it)", filepath.Join(w.out, rel), f.Path)
		}
	}
	return fmt.Errorf("%s, which gen did not write, is in the way of a generated file: move it (or delete it)", filepath.Join(w.out, rel))
}

// carry puts out's entry rel (not a folder) into the staging folder: a hard
// link (a copy where linking fails), a symlink as a symlink.
func (w *swapWriter) carry(rel string, d fs.DirEntry) error {
	if err := w.stagedDir(filepath.Dir(rel)); err != nil {
		return err
	}
	src, dst := filepath.Join(w.out, rel), filepath.Join(w.newDir, rel)
	if _, err := os.Lstat(dst); err == nil {
		return w.conflict(rel)
	}
	if d.Type()&fs.ModeSymlink != 0 {
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	}
	linkErr := os.Link(src, dst)
	if linkErr == nil {
		return nil
	}
	if !d.Type().IsRegular() {
		return fmt.Errorf("carrying %s over: %w", src, linkErr)
	}
	return copyFile(src, dst)
}

// copyFile copies a regular file with its mode and modification time.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	o, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(o, in); err != nil {
		o.Close()
		return err
	}
	if err := o.Close(); err != nil {
		return err
	}
	if err := os.Chmod(dst, info.Mode()&(fs.ModePerm|fs.ModeSetuid|fs.ModeSetgid|fs.ModeSticky)); err != nil {
		return err
	}
	return os.Chtimes(dst, time.Time{}, info.ModTime())
}

// removeTree is os.RemoveAll that also removes a tree with read-only
// folders in it (a hand-written subtree carried over, like a copy of the
// module cache): those folders are made writable first. Files are not
// chmodded (they may be hard links into the live tree).
func removeTree(dir string) error {
	err := os.RemoveAll(dir)
	if err == nil {
		return nil
	}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(path, 0o700)
		} else if err != nil && d != nil && d.IsDir() {
			os.Chmod(path, 0o700) // unreadable: readable now, not walked
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// cannotRename: err says the folder cannot be renamed where it is (a mount
// point, or across filesystems).
func cannotRename(err error) bool {
	return errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EBUSY)
}

// writeInPlace is the fallback writer (see Write): every changed file is
// first written beside its place under a temporary name (a dot file, which
// the go tool ignores); only when all are written are they renamed into
// place, then the files an earlier run of gen wrote there (its manifest
// lists them) that this run no longer produces are removed. A failure
// leaves the folder as it was; a kill during the renames leaves a mix.
func writeInPlace(dir string, files []emit.File) (err error) {
	previous := previousFiles(dir) // before the new manifest replaces it
	keep := map[string]bool{}
	type staged struct{ tmp, full string }
	var stage []staged
	var madeDirs []string
	defer func() {
		if err == nil {
			return
		}
		for _, s := range stage {
			os.Remove(s.tmp)
		}
		for i := len(madeDirs) - 1; i >= 0; i-- {
			os.Remove(madeDirs[i]) // only if still empty
		}
	}()
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return err
		}
		keep[filepath.FromSlash(f.Path)] = true
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, f.Data) {
			continue
		}
		made, err := mkdirAll(filepath.Dir(full))
		madeDirs = append(madeDirs, made...)
		if err != nil {
			return err
		}
		tmp := filepath.Join(filepath.Dir(full), "."+filepath.Base(full)+".gen-tmp")
		if err := os.WriteFile(tmp, f.Data, 0o644); err != nil {
			return err
		}
		stage = append(stage, staged{tmp, full})
	}
	for i, s := range stage {
		if err := os.Rename(s.tmp, s.full); err != nil {
			stage = stage[i:]
			return err
		}
	}
	stage = nil
	stale, err := staleFiles(dir, keep, previous)
	if err != nil {
		return err
	}
	for _, rel := range stale {
		p := filepath.Join(dir, rel)
		if err := os.Remove(p); err != nil {
			return err
		}
		// Folders left empty by the removal go too (docs/models/x/).
		for d := filepath.Dir(p); d != filepath.Clean(dir) && strings.HasPrefix(d, filepath.Clean(dir)); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}

// mkdirAll is os.MkdirAll, and the folders it created, outermost first.
func mkdirAll(d string) ([]string, error) {
	var missing []string
	for p := d; ; p = filepath.Dir(p) {
		if _, err := os.Stat(p); err == nil {
			break
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	slices.Reverse(missing)
	return missing, os.MkdirAll(d, 0o755)
}
