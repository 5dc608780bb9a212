import re,sys
# sums the G1 pause CPU (User+Sys from gc+cpu) and counts the pauses after a given second of the JVM's uptime
for f in sys.argv[1:]:
    user=sys_=real=0.0; n=0
    for line in open(f):
        m=re.search(r'\[([0-9.]+)s\].*gc,cpu.*User=([0-9.]+)s Sys=([0-9.]+)s Real=([0-9.]+)s', line)
        if m:
            n+=1; user+=float(m.group(2)); sys_+=float(m.group(3)); real+=float(m.group(4))
    print(f"{f}: {n} collections, CPU {user+sys_:.1f} s (user {user:.1f}, sys {sys_:.1f}), wall {real:.1f} s")
