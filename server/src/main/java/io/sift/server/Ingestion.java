package io.sift.server;

import io.sift.storage.StoreBusyException;
import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * What every ingest endpoint does around its own parsing: the body under the size limit and the
 * ingest buffer, the answer, the metrics, and one mapping of failures to status codes — 413 too
 * large, 429 (with Retry-After) buffer full, 409 store held by another writer, 507 disk full, 500
 * otherwise, 507 also at {@code --max-disk}. Nothing is acknowledged unless the work returned, i.e. its rows are in the WAL.
 */
final class Ingestion {
  /** What a request stored and how to answer it. */
  record Outcome(int status, Object answer, long accepted, long rejected) {}

  /** An endpoint's parsing and storing of one body. */
  interface Work {
    Outcome apply(InputStream body) throws IOException;
  }

  private final StoreWriters writers;
  private final IngestBuffer buffer;
  private final ServerMetrics metrics;
  private final long maxBodyBytes;
  private final DiskLimit disk;

  Ingestion(StoreWriters writers, IngestBuffer buffer, ServerMetrics metrics, long maxBodyBytes, DiskLimit disk) {
    this.writers = writers;
    this.buffer = buffer;
    this.metrics = metrics;
    this.maxBodyBytes = maxBodyBytes;
    this.disk = disk;
  }

  /** The paths of the ingest endpoints, which need a user's write permission and not read. */
  static boolean isIngestPath(String path) {
    return path.startsWith(IngestHandler.PREFIX) || path.endsWith("/_bulk") || path.equals(LokiPushHandler.PATH)
        || path.equals(OtlpLogsHandler.PATH);
  }

  StoreWriters writers() {
    return writers;
  }

  void run(HttpServletRequest request, HttpServletResponse response, Work work) throws IOException {
    String full = disk.refusal();
    if (full != null) {
      metrics.refused();
      response.setHeader("Connection", "close");
      JsonReply.error(response, 507, full);
      return;
    }
    try (RequestBody body = new RequestBody(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes,
        buffer)) {
      Outcome outcome = work.apply(body);
      metrics.ingested(outcome.accepted(), outcome.rejected(), body.bytesRead());
      JsonReply.send(response, outcome.status(), outcome.answer());
    } catch (RequestBody.TooLarge e) {
      metrics.refused();
      // Jetty closes the connection instead of reading the rest of an unread body.
      response.setHeader("Connection", "close");
      JsonReply.error(response, 413, e.getMessage());
    } catch (RequestBody.BufferFull e) {
      metrics.refused();
      response.setHeader("Retry-After", "1");
      JsonReply.error(response, 429, e.getMessage());
    } catch (StoreBusyException e) {
      JsonReply.error(response, 409, e.getMessage());
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("No space left")) {
        metrics.refused();
        JsonReply.error(response, 507, "the disk is full; nothing of this request was acknowledged: " + e.getMessage());
      } else {
        JsonReply.error(response, 500, "nothing of this request was acknowledged: " + e.getMessage());
      }
    }
  }
}
