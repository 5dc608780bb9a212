#!/bin/bash
for i in 1 2 3; do
  for mode in own shared; do
    flock /work/coord/bench.lock /work/coord/e2e-gw-run.sh /work/wt/gw-own gw$mode-$i $mode --rates 40,50,60 --seconds 60 --calendars 100
  done
done
#!/bin/bash
flock /work/coord/bench.lock env GATEWAY_OPTS="-Xms64m -Xmx192m -XX:+UseSerialGC" /work/coord/e2e-gw-run.sh /work/wt/gw-own gwownc2-1 own --rates 40,50,60 --seconds 60 --calendars 100
flock /work/coord/bench.lock /work/coord/e2e-gw-run.sh /work/wt/gw-own gwshared-4 shared --rates 40,50,60 --seconds 60 --calendars 100
