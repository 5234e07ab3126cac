using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.LocalGateway.Tests.Infrastructure;

namespace ImageCacheFunctions.LocalGateway.Tests.EndToEnd;

/// <summary>The gateway process forwards to function processes the way the OpenFaaS gateway does.</summary>
[Collection(SlowProcesses.Name)]
public sealed class ForwardingTests(EchoGateway fixture) : IClassFixture<EchoGateway>
{
    private GatewayProcess Gateway => fixture.Gateway;

    private Uri Url(string pathAndQuery) => new(Gateway.Url, pathAndQuery);

    [Fact]
    public async Task Strips_the_function_prefix_and_keeps_method_query_and_body()
    {
        using var content = new StringContent("{\"hello\":\"world\"}", Encoding.UTF8, "application/json");

        using var response = await Gateway.Client.PostAsync(Url($"/function/{EchoStack.First}/api/items/42?dryRun=true&tag=a%20b"), content);
        var echo = await EchoResponse.ReadAsync(response);

        Assert.Equal("POST", echo.Method);
        Assert.Equal("/api/items/42", echo.Path);
        Assert.Equal("?dryRun=true&tag=a%20b", echo.Query);
        Assert.Equal("{\"hello\":\"world\"}", echo.Body);
        Assert.StartsWith("application/json", echo.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task The_bare_function_path_reaches_the_functions_root(string suffix)
    {
        using var response = await Gateway.Client.GetAsync(Url($"/function/{EchoStack.First}{suffix}"));
        var echo = await EchoResponse.ReadAsync(response);

        Assert.Equal("/", echo.Path);
        Assert.Equal("GET", echo.Method);
    }

    [Fact]
    public async Task Adds_a_call_id_and_start_time_and_returns_the_call_id()
    {
        using var response = await Gateway.Client.GetAsync(Url($"/function/{EchoStack.First}/x"));
        var echo = await EchoResponse.ReadAsync(response);

        var callId = Assert.Single(response.Headers.GetValues("X-Call-Id"));
        Assert.True(Guid.TryParse(callId, out _), callId);
        Assert.Equal(callId, echo.Header("X-Call-Id"));
        Assert.True(long.TryParse(echo.Header("X-Start-Time"), out var nanoseconds), echo.Header("X-Start-Time"));
        var sent = DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);
        Assert.InRange(sent, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task Keeps_a_call_id_the_caller_sent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"/function/{EchoStack.First}"));
        request.Headers.Add("X-Call-Id", "caller-chosen-id");

        using var response = await Gateway.Client.SendAsync(request);
        var echo = await EchoResponse.ReadAsync(response);

        Assert.Equal("caller-chosen-id", echo.Header("X-Call-Id"));
        Assert.Equal("caller-chosen-id", Assert.Single(response.Headers.GetValues("X-Call-Id")));
    }

    [Fact]
    public async Task Each_function_answers_from_its_own_process_started_by_the_gateway()
    {
        using var first = await Gateway.Client.GetAsync(Url($"/function/{EchoStack.First}"));
        using var second = await Gateway.Client.GetAsync(Url($"/function/{EchoStack.Second}.openfaas-fn"));
        var one = await EchoResponse.ReadAsync(first);
        var two = await EchoResponse.ReadAsync(second);

        Assert.NotEqual(one.Pid, two.Pid);
        var current = Gateway.CurrentPids();
        Assert.Equal(current[EchoStack.First], one.Pid);
        Assert.Equal(current[EchoStack.Second], two.Pid);
        Assert.Equal(Gateway.Pid, ProcessTable.ParentOf(one.Pid));
        Assert.Equal(Gateway.Pid, ProcessTable.ParentOf(two.Pid));
    }

    [Fact]
    public async Task An_unknown_function_is_a_404_with_a_json_error()
    {
        using var response = await Gateway.Client.PostAsync(Url("/function/no-such-function/x?y=1"), new StringContent("body"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("no-such-function", error["error"]!.GetValue<string>(), StringComparison.Ordinal);

        using var status = await Gateway.Client.GetAsync(Url("/system/function/no-such-function"));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task Lists_the_stack_functions_in_the_openfaas_shape_and_counts_invocations()
    {
        var before = await FunctionStatusAsync(EchoStack.Second);
        for (var i = 0; i < 3; i++)
        {
            using var call = await Gateway.Client.GetAsync(Url($"/function/{EchoStack.Second}/count"));
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        using var response = await Gateway.Client.GetAsync(Url("/system/functions"));
        var functions = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal([EchoStack.First, EchoStack.Second], functions.Select(f => f!["name"]!.GetValue<string>()));
        var first = functions[0]!;
        Assert.Equal("example/echo:0.1.0", first["image"]!.GetValue<string>());
        Assert.Equal("openfaas-fn", first["namespace"]!.GetValue<string>());
        Assert.Equal(1, first["replicas"]!.GetValue<int>());
        Assert.Equal(1, first["availableReplicas"]!.GetValue<int>());
        Assert.Equal("1", first["labels"]!["com.openfaas.scale.min"]!.GetValue<string>());
        Assert.Equal("*/5 * * * *", first["annotations"]!["schedule"]!.GetValue<string>());
        Assert.StartsWith("dotnet ", first["envProcess"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(first["createdAt"]!.GetValue<DateTimeOffset>() <= DateTimeOffset.UtcNow);

        var after = await FunctionStatusAsync(EchoStack.Second);
        Assert.Equal(before["invocationCount"]!.GetValue<long>() + 3, after["invocationCount"]!.GetValue<long>());
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        using var response = await Gateway.Client.GetAsync(Url("/healthz"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Gives_each_function_the_host_contract_environment_and_the_backends()
    {
        using var response = await Gateway.Client.GetAsync(Url($"/function/{EchoStack.First}"));
        var environment = (await EchoResponse.ReadAsync(response)).Environment;

        var secrets = Path.Combine(fixture.StateDirectory, "secrets");
        Assert.Equal("connector", environment["FUNCTIONS_TIMER_MODE"]);
        Assert.Equal(secrets, environment["OPENFAAS_SECRETS_DIR"]);
        Assert.Equal(fixture.Kubeconfig, environment["KUBECONFIG"]);
        Assert.Equal("hello", environment["Echo__Greeting"]);
        Assert.Equal("cn-hangzhou", environment["Eci__RegionId"]);
        var eci = new Uri(environment["Eci__Endpoint"]!);
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(eci.Host)), eci.ToString());

        Assert.Matches("^[0-9a-f]{64}$", await File.ReadAllTextAsync(Path.Combine(secrets, "function-key")));
        Assert.Equal(
            Emulators.Eci.EmulatorTestCredentials.AccessKeyId,
            await File.ReadAllTextAsync(Path.Combine(secrets, "alibaba-cloud-access-key-id")));
    }

    [Fact]
    public async Task A_chunked_body_over_the_functions_limit_is_413_not_502()
    {
        // Issue 12 item 7. No Content-Length: the gateway only finds out while it streams the body on.
        var body = "POST /function/" + EchoStack.Second + " HTTP/1.1\r\nHost: gateway\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
            + string.Concat(Enumerable.Repeat($"400\r\n{new string('x', 0x400)}\r\n", (EchoStack.SecondMaxBodyBytes / 0x400) + 2)) + "0\r\n\r\n";

        var (status, answer) = await RawExchangeAsync(Encoding.ASCII.GetBytes(body), until: "MAX_REQUEST_BODY_BYTES");

        Assert.Equal(413, status);
        Assert.Contains($"larger than {EchoStack.SecondMaxBodyBytes} bytes", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_408_at_the_functions_read_timeout_not_502()
    {
        // Issue 12 item 7: a chunk, then nothing (the connection stays open): echo-two's read_timeout is 2 s.
        var start = "POST /function/" + EchoStack.Second + " HTTP/1.1\r\nHost: gateway\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";

        var (status, answer) = await RawExchangeAsync(Encoding.ASCII.GetBytes(start), until: "read_timeout");

        Assert.Equal(408, status);
        Assert.Contains($"did not arrive within {EchoStack.SecondReadTimeoutSeconds} s", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_gateway_on_the_same_state_folder_is_refused()
    {
        await using var second = GatewayProcess.Start(
            "--stack", fixture.StackFile, "--state-dir", fixture.StateDirectory, "--port", "0", "--kubeconfig", fixture.Kubeconfig);

        await second.WaitForLineAsync("another local gateway is using", GatewayProcess.StepBound);
        Assert.NotEqual(0, await second.StopAsync());
    }

    /// <summary>
    /// Sends <paramref name="request"/> as raw bytes (HttpClient cannot stop mid-body on purpose)
    /// and reads the answer until it holds <paramref name="until"/> (or the gateway closes the
    /// connection). The connection stays open meanwhile, so a request can be left unfinished.
    /// </summary>
    private async Task<(int Status, string Answer)> RawExchangeAsync(byte[] request, string until)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Gateway.Url.Host, Gateway.Url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        await stream.FlushAsync();

        using var read = new CancellationTokenSource(GatewayProcess.StepBound);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (!answer.ToString().Contains(until, StringComparison.Ordinal))
        {
            var count = await stream.ReadAsync(buffer, read.Token);
            if (count == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, count));
        }

        var text = answer.ToString();
        Assert.StartsWith("HTTP/1.1 ", text, StringComparison.Ordinal);
        return (int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture), text);
    }

    private async Task<JsonNode> FunctionStatusAsync(string name)
    {
        using var response = await Gateway.Client.GetAsync(Url($"/system/function/{name}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
