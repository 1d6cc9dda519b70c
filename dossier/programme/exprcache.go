package programme

import (
	"errors"
	"reflect"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/checker/nature"
	exprcompiler "github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/types"
	"github.com/expr-lang/expr/vm"
)

// compileExpr is expr.Compile(src, expr.Env(env), c.opts..., [expr.AsBool()]) with the
// options applied once per compiler instead of once per expression: expr.Compile starts each
// expression from a new configuration (a map of its ~80 builtins, our functions and operator
// overloads, checked again), about a quarter of compiling a template. Only the environment
// and the result wanted change between expressions; the operator overloads read the
// configuration's environment, and a compiler compiles one expression at a time.
func (c *compiler) compileExpr(src string, env map[string]any, wantBool bool) (*vm.Program, error) {
	cfg := c.config(c.envNature(env))
	cfg.Expect, cfg.ExpectAny = reflect.Invalid, false
	if wantBool {
		expr.AsBool()(cfg)
	}
	tree, err := checker.ParseCheck(src, cfg)
	if err != nil {
		return nil, err
	}
	if cfg.Optimize {
		if err := optimizer.Optimize(&tree.Node, cfg); err != nil {
			var fileError *file.Error
			if errors.As(err, &fileError) {
				return nil, fileError.Bind(tree.Source)
			}
			return nil, err
		}
	}
	return exprcompiler.Compile(tree, cfg)
}

// config is the compiler's expr configuration with the environment set, made on first use
// as expr.Compile makes it (and checked, as it checks it, once).
func (c *compiler) config(env expr.Option) *conf.Config {
	if c.cfg != nil {
		env(c.cfg)
		return c.cfg
	}
	cfg := conf.CreateNew()
	env(cfg)
	for _, op := range c.opts {
		op(cfg)
	}
	for name := range cfg.Disabled {
		delete(cfg.Builtins, name)
	}
	cfg.Check()
	c.cfg = cfg
	return cfg
}

// envNature is expr.Env(env) with the environment's type information worked out once per
// environment map instead of once per expression: for a map, expr walks every name and the
// type of every value (the enterprise record, the tables' rows) on each Compile, which was
// most of what compiling a template's hundreds of expressions allocated. An environment is
// known by its map and its size: the compiler only ever adds names to a map it has compiled
// against (computed values, in order); the cache keeps the maps, so none is freed and its
// address reused while the compiler lives. The types' natures (the records' struct types) are
// worked out once per compiler too (ntCache): a map's nature is made anew on each call, a
// struct's is kept, and one compiler runs on one goroutine.
func (c *compiler) envNature(env map[string]any) expr.Option {
	key := reflect.ValueOf(env).Pointer()
	e, ok := c.natures[key]
	if !ok || e.size != len(env) {
		if c.ntCache == nil {
			c.ntCache = new(nature.Cache)
		}
		var grown *nature.Nature // the same map with fewer names: their natures stay
		if ok {
			grown = &e.nt
		}
		e = natureEntry{env: env, size: len(env), nt: mapNature(c.ntCache, env, grown)}
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

// mapNature is conf.EnvWithCache(cache, env) for our environments (a map[string]any), without
// reflecting over the map, and reusing the natures of the names an earlier, smaller state of
// the same map had (prev, may be nil): computed values are added one by one, and each asks
// for the environment's nature again.
func mapNature(cache *nature.Cache, env map[string]any, prev *nature.Nature) nature.Nature {
	n := cache.FromType(reflect.TypeOf(env))
	n.TypeData = &nature.TypeData{Fields: make(map[string]nature.Nature, len(env))}
	n.Strict = true
	for k, v := range env {
		if prev != nil {
			if f, ok := prev.Fields[k]; ok {
				n.Fields[k] = f
				continue
			}
		}
		switch v := v.(type) {
		case types.Map:
			n.Fields[k] = v.Nature()
		default:
			n.Fields[k] = cache.NatureOf(v) // NatureOf(nil) is the nil nature, as EnvWithCache's
		}
	}
	return n
}
