import sys
# prints the snapshot just before the test's main thread starts counting (main thread CPU jumps), with shares
snaps=[]; cur=None
for line in open(sys.argv[1]):
    line=line.rstrip('\n')
    if line.startswith('== '):
        cur={'_t':float(line[3:])}; snaps.append(cur)
    elif line:
        k,v=line.rsplit('\t',1); cur[k]=float(v)
# counting begins when main grows by > 0.5 s per snapshot after having been flat
pick=snaps[-1]
for i in range(1,len(snaps)):
    if snaps[i].get('java',0)-snaps[i-1].get('java',0)>0.5 and snaps[i]['_t']-snaps[0]['_t']>30:
        pick=snaps[i-1]; break
tot=sum(v for k,v in pick.items() if k!='_t')
cats={}
for k,v in pick.items():
    if k=='_t': continue
    c = 'GC' if ('GC' in k or 'G1' in k or k == 'VM Thread') else 'JIT' if 'Compiler' in k else k
    cats[c]=cats.get(c,0)+v
print(f"total {tot:.1f} s at +{pick['_t']-snaps[0]['_t']:.0f}s of sampling")
for k,v in sorted(cats.items(), key=lambda x:-x[1])[:14]:
    print(f"  {k:22s} {v:7.1f} s {100*v/tot:5.1f} %")
