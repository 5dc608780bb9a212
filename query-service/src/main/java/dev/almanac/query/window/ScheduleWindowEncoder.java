package dev.almanac.query.window;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.AbstractEncoder;
import org.springframework.core.codec.Hints;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.HttpMessageEncoder;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link ScheduleWindow} as the HTTP mapper does, but a kept window's JSON only once
 * ({@link ScheduleWindows#body}), and any other straight into the buffer that is sent. Where the
 * controller has answered {@code Content-Encoding: gzip} it sends the JSON gzipped, a kept window's
 * compressed once ({@link ScheduleWindows#gzippedBody}). Registered before Jackson's encoder, for
 * JSON only; the controllers still return the window, so the OpenAPI documents still describe it.
 */
@Component
public class ScheduleWindowEncoder extends AbstractEncoder<ScheduleWindow> implements HttpMessageEncoder<ScheduleWindow>, CodecCustomizer {

    /** The hint that the response says {@code Content-Encoding: gzip}, so the body must be gzipped. */
    static final String GZIP_HINT = ScheduleWindowEncoder.class.getName() + ".gzip";

    /** A bucket over a hundred queues and types is about 3 KB of JSON; the buffer grows beyond this guess. */
    private static final int INITIAL_BYTES_PER_BUCKET = 1_024;
    private static final int MAX_INITIAL_BYTES = 4 << 20;

    private final ScheduleWindows windows;
    private final JsonMapper mapper;

    public ScheduleWindowEncoder(ScheduleWindows windows, JsonMapper mapper) {
        super(MediaType.APPLICATION_JSON);
        this.windows = windows;
        this.mapper = mapper;
    }

    @Override
    public void customize(CodecConfigurer configurer) {
        configurer.customCodecs().registerWithDefaultConfig(this);
    }

    @Override
    public boolean canEncode(ResolvableType elementType, @Nullable MimeType mimeType) {
        return ScheduleWindow.class.equals(elementType.toClass()) && super.canEncode(elementType, mimeType);
    }

    @Override
    public List<MediaType> getStreamingMediaTypes() {
        return List.of();
    }

    @Override
    public Map<String, Object> getEncodeHints(ResolvableType actualType, ResolvableType elementType, @Nullable MediaType mediaType,
                                              ServerHttpRequest request, ServerHttpResponse response) {
        return "gzip".equals(response.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)) ? Hints.from(GZIP_HINT, Boolean.TRUE) : Hints.none();
    }

    @Override
    public Flux<DataBuffer> encode(Publisher<? extends ScheduleWindow> inputStream, DataBufferFactory bufferFactory,
                                   ResolvableType elementType, @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
        return Flux.from(inputStream).map(window -> encodeValue(window, bufferFactory, elementType, mimeType, hints));
    }

    @Override
    public DataBuffer encodeValue(ScheduleWindow window, DataBufferFactory bufferFactory, ResolvableType valueType,
                                  @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
        if (hints != null && Boolean.TRUE.equals(hints.get(GZIP_HINT))) {
            return bufferFactory.wrap(windows.gzippedBody(window, mapper::writeValueAsBytes));
        }
        if (!windows.isKept(window)) {
            return written(window, bufferFactory);
        }
        // Wrapped, not copied: a kept body is never written to, only read by every answer that sends it.
        return bufferFactory.wrap(windows.body(window, mapper::writeValueAsBytes));
    }

    /**
     * A window not kept, written straight into the buffer that is sent: a year by day over a hundred
     * queues is 1.2 MB of JSON, which as a byte array (built in segments, then copied) was 2.4 MB of
     * heap a request, and the collections it brought set the one-client p99.
     */
    private DataBuffer written(ScheduleWindow window, DataBufferFactory bufferFactory) {
        DataBuffer buffer = bufferFactory.allocateBuffer(Math.min(INITIAL_BYTES_PER_BUCKET * (window.buckets().size() + 1), MAX_INITIAL_BYTES));
        boolean sent = false;
        try (OutputStream out = buffer.asOutputStream()) {
            mapper.writeValue(out, window);
            sent = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!sent) {
                DataBufferUtils.release(buffer);
            }
        }
        return buffer;
    }
}
