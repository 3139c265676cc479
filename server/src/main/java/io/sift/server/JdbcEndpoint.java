package io.sift.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaJsonHandler;
import org.apache.calcite.avatica.server.AvaticaProtobufHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;

/**
 * Remote JDBC at {@code /}: Avatica's JSON and protobuf handlers on one port. A client says which
 * serialization it speaks only by its bodies (both send {@code application/octet-stream}), and the
 * two never look alike: a JSON request starts with {@code {}, a protobuf {@code WireMessage} with
 * the tag of its first field (0x0A). Avatica reads the whole body anyway, so reading it here first
 * costs nothing.
 */
final class JdbcEndpoint extends AbstractHandler {
  private static final int PROTOBUF_FIRST_BYTE = 0x0A;

  private final AvaticaJsonHandler json;
  private final AvaticaProtobufHandler protobuf;
  private final long maxBodyBytes;

  JdbcEndpoint(Service service, long maxBodyBytes) {
    this.json = new AvaticaJsonHandler(service);
    this.protobuf = new AvaticaProtobufHandler(service);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void doStart() throws Exception {
    json.setServer(getServer());
    protobuf.setServer(getServer());
    json.start();
    protobuf.start();
    super.doStart();
  }

  @Override
  protected void doStop() throws Exception {
    super.doStop();
    json.stop();
    protobuf.stop();
  }

  @Override
  public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (request.getContentLengthLong() > maxBodyBytes) {
      base.setHandled(true);
      JsonReply.error(response, 413, "request body larger than " + maxBodyBytes + " bytes");
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (body.length > maxBodyBytes) {
      base.setHandled(true);
      JsonReply.error(response, 413, "request body larger than " + maxBodyBytes + " bytes");
      return;
    }
    HttpServletRequest replay = new BufferedRequest(request, body);
    EmbeddedService.CURRENT_USER.set(AuthHandler.user(request));
    try {
      if (body.length > 0 && (body[0] & 0xFF) == PROTOBUF_FIRST_BYTE) {
        protobuf.handle(target, base, replay, response);
      } else {
        json.handle(target, base, replay, response);
      }
    } finally {
      EmbeddedService.CURRENT_USER.remove();
    }
  }

  /** The request with its body already read, served again from memory. */
  private static final class BufferedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body is already in memory");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }
  }
}
