# MongoDB's share of a ColdStartBenchmark JFR recording (settings=profile), up to the count of the topic.
# Each sample goes to the first frame from the top that belongs to a known library, so work that runs
# on the MongoDB driver's threads (rule-expander's planning after an insert) is counted as Almanac's.
# Usage: python3 cold-start-2026-11-23-mongo-profile.py recording.jfr (needs the JDK's jfr tool on the PATH).
import collections, re, subprocess, sys

out = subprocess.run(['jfr', 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '96', sys.argv[1]],
                     capture_output=True, text=True).stdout
samples = out.split('jdk.ExecutionSample')[1:]
LIBRARIES = [('^de.bwaldvogel', 'MongoDB server (mongo-java-server)'), ('^org.bson|^com.mongodb', 'MongoDB driver'),
             ('^dev.almanac', 'Almanac'), ('^io.netty', 'Netty (MongoDB wire, both ends)'), ('^reactor', 'Reactor'),
             ('^org.apache.kafka|^kafka', 'Kafka client and broker'), ('^org.springframework', 'Spring'),
             ('^tools.jackson', 'Jackson')]


def seconds(sample):
    m = re.search(r'startTime = (\d+):(\d+):([\d.]+)', sample)
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) if m else 0


cut = min([seconds(s) for s in samples if 'KafkaConsumer.poll' in s and 'ColdStartBenchmark' in s] or [1e9])
shares = collections.Counter()
total = 0
for sample in samples:
    frames = re.findall(r'^\s+([\w$.<>/]+)\(', sample, re.M)
    if not frames or seconds(sample) >= cut:
        continue
    total += 1
    library = next((name for frame in frames for pattern, name in LIBRARIES if re.search(pattern, frame)), 'JDK only')
    shares[library] += 1
print('samples', total)
for name, count in shares.most_common():
    print(f'{count * 100 / total:5.1f}% {count:6d} {name}')
mongo = sum(shares[name] for name in ('MongoDB server (mongo-java-server)', 'MongoDB driver', 'Netty (MongoDB wire, both ends)'))
print(f'MongoDB (driver, server and the wire between them): {mongo * 100 / total:.1f}% ({mongo} samples)')
