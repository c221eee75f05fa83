package playground

import (
	"embed"
	"io/fs"
	"mime"
	"path"
)

// webFiles holds the page: web/static (written by hand) and web/dist (the
// bundle web/build.sh makes from web/src and the locked npm packages; it is
// committed, so that building the binary needs no npm).
//
//go:embed web/static web/dist
var webFiles embed.FS

// asset is one file of the page.
type asset struct {
	contentType string
	data        []byte
}

// assets are the files of the page by URL path: "/" is index.html, and every
// other file of web/static and web/dist is served at its name.
var assets = loadAssets()

func loadAssets() map[string]asset {
	out := map[string]asset{}
	for _, dir := range []string{"web/static", "web/dist"} {
		entries, err := webFiles.ReadDir(dir)
		if err != nil {
			panic("playground: " + err.Error()) // the embed pattern names both
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			data, err := fs.ReadFile(webFiles, dir+"/"+e.Name())
			if err != nil {
				panic("playground: " + err.Error())
			}
			ct := mime.TypeByExtension(path.Ext(e.Name()))
			if ct == "" {
				ct = "text/plain; charset=utf-8"
			}
			name := "/" + e.Name()
			if name == "/index.html" {
				name = "/"
			}
			out[name] = asset{ct, data}
		}
	}
	return out
}
