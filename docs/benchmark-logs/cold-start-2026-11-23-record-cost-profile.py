# Shares of a ColdStartBenchmark JFR recording (settings=profile) by component, up to the count of the topic.
# Usage: python3 cold-start-2026-11-23-record-cost-profile.py recording.jfr (needs the JDK's jfr tool on the PATH).
import sys, re, subprocess, collections
# usage: jfragg.py file.jfr
out = subprocess.run(['jfr','print','--events','jdk.ExecutionSample','--stack-depth','96',sys.argv[1]],capture_output=True,text=True).stdout
samples = out.split('jdk.ExecutionSample')
cats = [
 ('json body (databind / hand writer)', ['ObjectMapper.writeValueAsBytes','ObjectWriter','OccurrenceBodies']),
 ('headers (envelope encode)', ['CloudEventHeaders.encode','EnvelopeHeaders']),
 ('producer send/encode', ['KafkaProducer.doSend','RecordAccumulator']),
 ('codec: the rest of the record', ['EventCodec.toRecord']),
 ('template send and acknowledgements', ['KafkaTemplate.send','KafkaTemplate.doSend','ProducerBatch.completeFutureAndFireCallbacks','CompletableFuture.allOf']),
 ('producer sender/network', ['producer.internals.Sender']),
 ('planning (expansion, events, ids)', ['MaterialisationPlanner','OccurrenceEvents','RecurrenceExpander','Series.expand']),
 ('materialiser (the rest)', ['Materialiser']),
 ('broker', ['kafka.server','org.apache.kafka.storage','kafka.network','org.apache.kafka.server','kafka.log','ReplicaManager','org.apache.kafka.raft','org.apache.kafka.network']),
 ('kafka consumers (rule intake, the count)', ['ColdStartBenchmark','KafkaConsumer','consumer.internals']),
 ('mongo', ['mongo','bson']),
]
top=collections.Counter(); cat=collections.Counter(); total=0
def t(s):
    m=re.search(r'startTime = (\d+):(\d+):([\d.]+)', s)
    return int(m.group(1))*3600+int(m.group(2))*60+float(m.group(3)) if m else 0
cut=min([t(s) for s in samples[1:] if 'KafkaConsumer.poll' in s and 'ColdStartBenchmark' in s] or [1e9])
print('count phase starts at', cut)
for s in samples[1:]:
    frames = re.findall(r'^\s+([\w$.<>/]+)\(', s, re.M)
    if not frames: continue
    if t(s) >= cut: continue
    total+=1
    top[frames[0]]+=1
    stack=' '.join(frames)
    for name,keys in cats:
        if any(k in stack for k in keys):
            cat[name]+=1; break
    else:
        cat['other']+=1
print('samples',total)
for k,v in cat.most_common(): print(f'{v*100/total:5.1f}% {v:6d} {k}')
print('--- top frames')
for k,v in top.most_common(45): print(f'{v*100/total:5.1f}% {v:6d} {k}')
