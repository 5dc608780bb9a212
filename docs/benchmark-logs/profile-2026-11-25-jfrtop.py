import sys, re, collections, subprocess
f = sys.argv[1]; depth = sys.argv[2] if len(sys.argv) > 2 else '96'
filt = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run(['jfr','print','--events','jdk.ExecutionSample','--stack-depth',depth,f],capture_output=True,text=True).stdout
samples = out.split('jdk.ExecutionSample {')[1:]
selfc = collections.Counter(); incl = collections.Counter(); thr = collections.Counter(); n=0
for s in samples:
    m = re.search(r'sampledThread = "([^"]*)"', s); t = m.group(1) if m else '?'
    frames = [ln.strip() for ln in s.split('stackTrace = [')[1].split(']')[0].strip().split('\n') if ln.strip() and ln.strip()!='...']
    frames = [re.sub(r'\s+line:.*','',fr) for fr in frames]
    if filt and not any(filt in fr for fr in frames): continue
    n+=1
    thr[re.sub(r'\d+','N',t)] += 1
    if frames: selfc[frames[0]] += 1
    for fr in set(frames): incl[fr] += 1
print('samples', n)
print('== threads'); [print(f'{c*100/n:5.1f}% {k}') for k,c in thr.most_common(15)]
print('== self'); [print(f'{c*100/n:5.1f}% {k}') for k,c in selfc.most_common(40)]
print('== inclusive'); [print(f'{c*100/n:5.1f}% {k}') for k,c in incl.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 80)]
