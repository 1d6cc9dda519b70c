package programme

import (
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/checker/nature"
	"github.com/expr-lang/expr/conf"
)

// envNature is expr.Env(env) with the environment's type information worked out once per
// environment map instead of once per expression: for a map, expr walks every name and the
// type of every value (the enterprise record, the tables' rows) on each Compile, which was
// most of what compiling a template's hundreds of expressions allocated. An environment is
// known by its map and its size: the compiler only ever adds names to a map it has compiled
// against (computed values, in order); the cache keeps the maps, so none is freed and its
// address reused while the compiler lives.
func (c *compiler) envNature(env map[string]any) expr.Option {
	key := reflect.ValueOf(env).Pointer()
	e, ok := c.natures[key]
	if !ok || e.size != len(env) {
		e = natureEntry{env: env, size: len(env), nt: conf.EnvWithCache(new(nature.Cache), env)}
		if c.natures == nil {
			c.natures = map[uintptr]natureEntry{}
		}
		c.natures[key] = e
	}
	return func(cfg *conf.Config) {
		cfg.EnvObject = env
		cfg.Env = e.nt
		cfg.Strict = e.nt.Strict
	}
}

type natureEntry struct {
	env  map[string]any // kept: see envNature
	size int
	nt   nature.Nature
}
