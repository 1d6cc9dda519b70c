package programme

import (
	"reflect"
	"testing"

	"github.com/expr-lang/expr/checker/nature"
	"github.com/expr-lang/expr/conf"
)

// mapNature gives what expr's own conf.EnvWithCache gives for the environments templates are
// compiled against (the sample environment with its computed values, a table row's), also
// when it reuses the natures of a map that has since grown.
func TestMapNatureIsExprs(t *testing.T) {
	set := loadBuiltin(t)
	for _, p := range set.All() {
		c := newCompiler(p.File, p.profile, p, &ErrorList{})
		envs := []map[string]any{c.env}
		for _, f := range p.answers.fields {
			if row := p.answers.rows[f.ID]; row != nil {
				envs = append(envs, c.rowEnv(row))
			}
		}
		for i, env := range envs {
			want := conf.EnvWithCache(new(nature.Cache), env)
			if got := mapNature(new(nature.Cache), env, nil); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s env %d: mapNature differs from conf.EnvWithCache", p.ID, i)
			}
			before := mapNature(new(nature.Cache), env, nil)
			env["grown_name"] = 1
			want = conf.EnvWithCache(new(nature.Cache), env)
			if got := mapNature(new(nature.Cache), env, &before); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s env %d: mapNature of the grown map differs from conf.EnvWithCache", p.ID, i)
			}
			delete(env, "grown_name")
		}
	}
}
