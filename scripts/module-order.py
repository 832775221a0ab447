#!/usr/bin/env python3
"""Checks that no module imports a module that imports it back, in any number
of steps: python3 scripts/module-order.py host/src action/src"""
import re,os,sys,glob
def modpath(root,p):
    rel=os.path.relpath(p,root)[:-3].split('/')
    if rel[-1] in ('mod','lib','main'): rel=rel[:-1]
    return tuple(rel)
for root in sys.argv[1:]:
    files={modpath(root,p):p for p in glob.glob(root+'/**/*.rs',recursive=True)}
    mods=set(files)
    def resolve(cur,path):
        parts=path.split('::')
        if parts[0]=='crate': base=();parts=parts[1:]
        elif parts[0]=='super':
            base=cur[:-1]; parts=parts[1:]
            while parts and parts[0]=='super': base=base[:-1]; parts=parts[1:]
        elif parts[0]=='self': base=cur; parts=parts[1:]
        else:
            base=cur
            if not parts or base+(parts[0],) not in mods: return None
        best=None
        for i in range(len(parts)+1):
            cand=base+tuple(parts[:i])
            if cand in mods: best=cand
        return best
    edges={}
    for m,p in files.items():
        s=open(p).read()
        s=re.sub(r'(?s)#\[cfg\(test\)\]\s*mod tests \{.*','',s)
        s='\n'.join(l for l in s.split('\n') if not l.strip().startswith('//'))
        refs=set()
        for u in re.finditer(r'use\s+((?:crate|super|self|\w+)(?:::\w+)*)(?:::\{([^;]*)\})?',s):
            base=u.group(1)
            if u.group(2):
                for item in re.findall(r'(\w+(?:::\w+)*)',u.group(2)):
                    refs.add(base+'::'+item)
            refs.add(base)
        for u in re.finditer(r'\b((?:crate|super)(?:::\w+)+)',s): refs.add(u.group(1))
        for r in refs:
            t=resolve(m,r)
            if t is not None and t!=m and not (len(t)<len(m) and m[:len(t)]==t and t==m[:-1] and False):
                edges.setdefault(m,set()).add(t)
    cyc=[]
    for a,bs in edges.items():
        for b in bs:
            if a in edges.get(b,()) and a<b: cyc.append((a,b))
    print(root, 'modules',len(mods),'two-way imports:',len(cyc))
    for a,b in sorted(cyc): print('   ','::'.join(a) or 'crate','<->','::'.join(b) or 'crate')
    # any cycle: strongly connected components of more than one module
    index={};low={};stack=[];on=set();sccs=[];n=[0]
    sys.setrecursionlimit(10000)
    def visit(v):
        index[v]=low[v]=n[0];n[0]+=1;stack.append(v);on.add(v)
        for w in edges.get(v,()):
            if w not in index: visit(w);low[v]=min(low[v],low[w])
            elif w in on: low[v]=min(low[v],index[w])
        if low[v]==index[v]:
            comp=[]
            while True:
                w=stack.pop();on.discard(w);comp.append(w)
                if w==v: break
            if len(comp)>1: sccs.append(comp)
    for v in list(edges):
        if v not in index: visit(v)
    print('   cycles of any length:',len(sccs))
    for c in sccs: print('     ',' / '.join('::'.join(x) or 'crate' for x in c))
