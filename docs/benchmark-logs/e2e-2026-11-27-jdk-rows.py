import re,sys
# usage: jdk-rows.py <label>=<e2e txt> ...: one markdown row a run over its three 500/s steps
for arg in sys.argv[1:]:
    label,path=arg.split('=',1)
    lines=open(path).read().splitlines()
    rows=[l for l in lines if l.startswith('500 | ')]
    cmd=[];vis=[];con=[];ryw=[];stack=[];cs=[];qs=[];pg=[]
    for r in rows:
        c=r.split(' | ')
        cmd.append(c[5].split('/')[1]); v=c[6].split(' ')[0].split('/'); vis.append('%.0f / %.0f'%(float(v[0]),float(v[1])))
        con.append('%.0f'%float(c[7].split(' ')[0].split('/')[1])); ryw.append(re.match(r'([0-9.]+)%',c[11]).group(1))
        cpu=c[12]
        stack.append(re.search(r'stack ([0-9.]+)',cpu).group(1)); cs.append(re.search(r'command-service ([0-9.]+)',cpu).group(1))
        qs.append(re.search(r'query-service ([0-9.]+)',cpu).group(1)); pg.append(re.search(r'PostgreSQL ([0-9.]+)',cpu).group(1))
    j=', '.join
    print(f'| {label} | {j(cmd)} | {j(vis)} | {j(con)} | {j(ryw)} | {j(cs)} | {j(qs)} | {j(pg)} | {j(stack)} |')
