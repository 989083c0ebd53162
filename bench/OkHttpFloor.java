import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor under promptbench's CPU per request (issue 15.5): OkHttp alone, as promptbench configures it
 * (a pool of one connection per thread, no retries), N POSTs on T blocking threads, each body read as
 * text and dropped: no JSON, no statistics, no results file. Run by bench/okhttp-floor.sh.
 */
public final class OkHttpFloor {
    public static void main(String[] args) throws Exception {
        HttpUrl url = HttpUrl.get(args[0]);
        int requests = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        OkHttpClient client = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(threads, 4, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
        MediaType json = MediaType.get("application/json");
        byte[] body = ("{\"model\":\"sim\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"prompt number 1: answer in one short sentence\"}]}").getBytes();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (next.getAndIncrement() < requests) {
                    Request request = new Request.Builder().url(url)
                            .header("Authorization", "Bearer x")
                            .post(RequestBody.create(body, json)).build();
                    try (Response response = client.newCall(request).execute()) {
                        if (!response.isSuccessful() || response.body().string().isEmpty()) failed.incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) worker.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d %.0f %d%n", requests, requests / seconds, failed.get());
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
