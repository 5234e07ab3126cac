using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenFaaS.Functions.Worker.Json;
using ImageCacheFunctions.Hosting.SampleFunctions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenFaaS.Functions.Worker.Hosting;
using OpenFaaS.Functions.Worker.Http;
using ImageCacheFunctions.Hosting.Tests.SampleApp;

namespace ImageCacheFunctions.Hosting.Tests;

/// <summary>Both Program.cs styles of the isolated worker, hosted in the test process on port 0.</summary>
public sealed class InProcessHostingTests
{
    [Fact]
    public async Task FunctionsApplication_CreateBuilder_style_serves_the_functions()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings(secrets));
        builder.Services.Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(typeof(SampleServices).Assembly));
        SampleServices.Add(builder.Services);
        builder.UseMiddleware<StampMiddleware>();

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = host.Services.GetRequiredService<FunctionsHttpServer>().Address };
            var body = await client.GetFromJsonAsync<JsonElement>("/api/greet/linus");
            Assert.Equal("Hello, linus!", body.GetProperty("Greeting").GetString());
            Assert.Equal("middleware saw greet", body.GetProperty("Stamp").GetString());

            // WriteAsJsonAsync/ReadFromJsonAsync find this serializer through IOptions<WorkerOptions>
            // (System.Text.Json with the app's options, as Azure's JsonObjectSerializer, but trimmable).
            Assert.IsType<WorkerJsonSerializer>(host.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task HostBuilder_style_runs_with_RunAsync_until_stopped()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        using var host = new HostBuilder()
            .ConfigureFunctionsWorkerDefaults()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(Settings(secrets)))
            .ConfigureServices(services =>
            {
                services.Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(typeof(SampleServices).Assembly));
                SampleServices.Add(services);
            })
            .Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(started.SetResult);

        var running = host.RunAsync();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = host.Services.GetRequiredService<FunctionsHttpServer>().Address };
        var response = await client.GetAsync("/api/HttpExample");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Welcome to Azure Functions!", await response.Content.ReadAsStringAsync());

        lifetime.StopApplication();
        await running.WaitAsync(TimeSpan.FromSeconds(60));
    }

    // samples/Configuration/Program.cs, ConfigureSystemTextJson: services.Configure<JsonSerializerOptions> shapes every JSON answer.
    [Fact]
    public async Task Configured_JsonSerializerOptions_shape_the_returned_poco_as_in_the_Configuration_sample()
    {
        using var secrets = SecretsFolder.With("function-key", "admin-key");
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings(secrets));
        builder.Services.Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(typeof(SampleServices).Assembly));
        SampleServices.Add(builder.Services);
        builder.Services.Configure<JsonSerializerOptions>(json =>
        {
            json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            json.ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.Preserve;
            json.PropertyNameCaseInsensitive = false;
        });

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = host.Services.GetRequiredService<FunctionsHttpServer>().Address };
            Assert.Equal(
                """{"$id":"1","camelCasePropertyName":"value","pascalCasePropertyName":"value","Changed_Via_System_Text_Json":"value"}""",
                await client.GetStringAsync("/api/ConfigurationHttpFunction"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    // Azure Functions Core Tools serves AuthorizationLevel.Function locally without keys; so does a local run (no fprocess) without key secrets.
    [Fact]
    public async Task A_local_run_without_key_secrets_serves_key_protected_functions_without_a_key()
    {
        using var secrets = SecretsFolder.With();
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings(secrets));
        builder.Services.Configure<FunctionsHostOptions>(o => o.FunctionAssemblies.Add(typeof(SampleServices).Assembly));
        SampleServices.Add(builder.Services);

        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = host.Services.GetRequiredService<FunctionsHttpServer>().Address };
            var response = await client.PostAsJsonAsync("/api/orders", new { sku = "a", quantity = 1, unitPrice = 2m });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static Dictionary<string, string?> Settings(SecretsFolder secrets) => new()
    {
        ["PORT"] = "0",
        ["OPENFAAS_SECRETS_DIR"] = secrets.Path,
        ["FUNCTIONS_TIMER_MODE"] = "connector",
        ["FastTimerSchedule"] = "0 0 0 1 1 *",
        ["Sample:Region"] = "cn-hangzhou",
    };
}
