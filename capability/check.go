package capability

import (
	"errors"
	"io/fs"
	"path"

	"github.com/segsync/segsync/internal/field"
	"github.com/segsync/segsync/parser"
	"github.com/segsync/segsync/spec"
)

// Check compiles every parser a manifest has (Names) and parses its other
// templates: the auditLogEventsHook templates and the flagLink uiBlocks
// templates, with the framework's helpers known. It returns every problem, the
// structural ones of the whole manifest included, each once, sorted by
// pointer; errors and warnings alike (Problems.Err tells whether any is an
// error).
//
// An auditLogEventsHook template written as a file name (spec.IsTemplateFile)
// is read from files, the manifest's folder; one that cannot be read is a
// template_file error. With files nil, such templates are not read, and a
// template_file warning says so.
//
// A manifest with none of these parts is checked as a synced-segment manifest,
// whose compile requires the syncedSegment capability.
func Check(m *spec.Manifest, files fs.FS, opts ...parser.Option) spec.Problems {
	if m == nil {
		_, err := parser.Compile(nil)
		var ps spec.Problems
		errors.As(err, &ps)
		return ps
	}
	all := &field.Problems{List: append(spec.Problems{}, m.Problems...)}
	names := Names(m)
	hook, link := m.Capabilities.AuditLogEventsHook, m.Capabilities.FlagLink
	if len(names) == 0 && hook == nil && link == nil {
		names = []string{SyncedSegment}
	}
	for _, name := range names {
		p, err := Compile(m, name, opts...)
		var ps spec.Problems
		switch {
		case err == nil:
			ps = p.Warnings()
		case !errors.As(err, &ps):
			all.Add(spec.SeverityError, "", spec.CodeInvalidJSON, "%s: %v", name, err)
		}
		all.List = append(all.List, ps...)
	}
	if hook != nil {
		for _, t := range hook.Templates {
			checkTemplate(all, t, files, true)
		}
	}
	if link != nil {
		for _, t := range link.Templates {
			checkTemplate(all, t, files, false)
		}
	}
	out := dedupe(all.List)
	out.Sort()
	return out
}

// checkTemplate parses one template field, reading it from files when it names
// a file and mayBeFile says that the field can.
func checkTemplate(ps *field.Problems, t spec.TemplateField, files fs.FS, mayBeFile bool) {
	src, what := t.Text, t.Name
	if mayBeFile && spec.IsTemplateFile(t.Text) {
		if files == nil {
			ps.Add(spec.SeverityWarning, t.At, spec.CodeTemplateFile, "the template file %q is not checked: no manifest folder to read it from", t.Text)
			return
		}
		data, err := fs.ReadFile(files, path.Clean(t.Text))
		if err != nil {
			pr := ps.Add(spec.SeverityError, t.At, spec.CodeTemplateFile, "the template file %q cannot be read: %v", t.Text, err)
			pr.Err = err
			return
		}
		src, what = string(data), "the template file "+t.Text
	}
	ps.Template(src, t.At, what)
}

// dedupe drops the repeats of a problem: the manifest's own problems come back
// from every compile that they concern.
func dedupe(ps spec.Problems) spec.Problems {
	type key struct {
		ptr  string
		code spec.Code
		msg  string
	}
	seen := map[key]bool{}
	var out spec.Problems
	for _, p := range ps {
		k := key{p.Pointer, p.Code, p.Message}
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}
