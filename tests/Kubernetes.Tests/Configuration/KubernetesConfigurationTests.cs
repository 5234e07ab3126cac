using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ImageCacheFunctions.ImageCaches.Kubernetes;
using ImageCacheFunctions.ImageCaches.Kubernetes.Errors;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ImageCacheFunctions.Kubernetes.Tests.Configuration;

public sealed class KubernetesConfigurationTests : IDisposable
{
    private readonly string kubeconfig = Path.Combine(Path.GetTempPath(), $"c2-kubeconfig-{Guid.NewGuid():N}.yaml");

    public KubernetesConfigurationTests()
    {
        File.WriteAllText(kubeconfig, """
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: http://127.0.0.1:6443
            users:
            - name: local
              user:
                token: test-token
            contexts:
            - name: local
              context:
                cluster: local
                user: local
            - name: other
              context:
                cluster: local
                user: local
                namespace: elsewhere
            current-context: local
            """);
    }

    public void Dispose() => File.Delete(kubeconfig);

    [Fact]
    public void Requiring_an_explicit_config_without_one_fails_start_up_with_a_clear_message()
    {
        using var provider = Services(new() { ["Kubernetes:RequireExplicitConfig"] = "true" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);

        Assert.Contains("Kubernetes:RequireExplicitConfig is set but Kubernetes:KubeConfig is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requiring_an_explicit_config_ignores_KUBECONFIG_and_in_cluster_credentials()
    {
        var resolver = new KubernetesClientConfigurationResolver(name => name switch
        {
            "KUBECONFIG" => kubeconfig,
            "KUBERNETES_SERVICE_HOST" => "10.0.0.1",
            _ => null,
        });

        var error = Assert.Throws<InvalidOperationException>(() => resolver.Resolve(new KubernetesOptions { RequireExplicitConfig = true }));

        Assert.Contains("refusing to use in-cluster credentials or KUBECONFIG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_kubeconfig_is_used_with_the_request_timeout()
    {
        var resolver = new KubernetesClientConfigurationResolver(_ => null);

        var configuration = resolver.Resolve(new KubernetesOptions { KubeConfig = kubeconfig, Context = "other", RequestTimeout = TimeSpan.FromSeconds(7) });

        Assert.Equal("http://127.0.0.1:6443", configuration.Host.TrimEnd('/'));
        Assert.Equal("elsewhere", configuration.Namespace);
        Assert.Equal(TimeSpan.FromSeconds(7), configuration.HttpClientTimeout);
    }

    [Fact]
    public void KUBECONFIG_is_used_outside_a_pod()
    {
        var resolver = new KubernetesClientConfigurationResolver(name => name == "KUBECONFIG" ? $"/nonexistent/config{Path.PathSeparator}{kubeconfig}" : null);

        Assert.Equal("KUBECONFIG (" + $"/nonexistent/config{Path.PathSeparator}{kubeconfig}" + ")", resolver.Describe(new KubernetesOptions()));
        Assert.Equal("test-token", resolver.Resolve(new KubernetesOptions()).AccessToken);
    }

    [Fact]
    public void Without_any_configuration_the_message_names_every_way_to_give_one()
    {
        var resolver = new KubernetesClientConfigurationResolver(_ => null);

        var error = Assert.Throws<InvalidOperationException>(() => resolver.Resolve(new KubernetesOptions()));

        Assert.Contains("KUBERNETES_SERVICE_HOST", error.Message, StringComparison.Ordinal);
        Assert.Contains("KUBECONFIG", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kubernetes:KubeConfig", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_pod_the_service_account_is_chosen()
    {
        var resolver = new KubernetesClientConfigurationResolver(name => name == "KUBERNETES_SERVICE_HOST" ? "10.0.0.1" : null);

        Assert.Equal("in-cluster service account", resolver.Describe(new KubernetesOptions()));
        Assert.Equal($"kubeconfig {kubeconfig}", resolver.Describe(new KubernetesOptions { KubeConfig = kubeconfig }));
    }

    [Theory]
    [InlineData("Kubernetes:PageSize", "0", "Kubernetes:PageSize must be between 1 and 10000")]
    [InlineData("Kubernetes:RequestTimeout", "00:00:00", "Kubernetes:RequestTimeout must be between")]
    [InlineData("Kubernetes:ConflictRetryAttempts", "0", "Kubernetes:ConflictRetryAttempts must be between 1 and 100")]
    [InlineData("Kubernetes:KubeConfig", "/nonexistent/kubeconfig", "no such file exists")]
    public void Bad_settings_are_named_at_start_up(string key, string value, string message)
    {
        using var provider = Services(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_call_of_the_registered_client_has_the_configured_timeout()
    {
        // A server that accepts connections and never answers.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new ConcurrentBag<TcpClient>();
        _ = AcceptForeverAsync(listener, accepted);
        File.WriteAllText(kubeconfig, File.ReadAllText(kubeconfig).Replace("127.0.0.1:6443", $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}", StringComparison.Ordinal));
        using var provider = Services(new() { ["Kubernetes:KubeConfig"] = kubeconfig, ["Kubernetes:RequestTimeout"] = "00:00:01" });

        var store = provider.GetRequiredService<ImageCacheStore>();
        var error = await Assert.ThrowsAsync<KubernetesUnavailableException>(() => store.GetAsync("anything", CancellationToken.None));

        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.IsType<k8s.Kubernetes>(provider.GetRequiredService<KubernetesConnection>().Client);
        foreach (var connection in accepted)
        {
            connection.Dispose();
        }
    }

    private static async Task AcceptForeverAsync(TcpListener listener, ConcurrentBag<TcpClient> accepted)
    {
        try
        {
            while (true)
            {
                accepted.Add(await listener.AcceptTcpClientAsync().ConfigureAwait(false));
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    [Fact]
    public void No_registration_names_a_KubernetesClient_type_so_its_assembly_loads_at_the_first_call()
    {
        // Registering a type of KubernetesClient loads KubernetesClient.dll (3 MB mapped) at start-up.
        var services = new ServiceCollection().AddImageCacheKubernetes(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, d => d.ServiceType.Assembly == typeof(IKubernetes).Assembly || d.ImplementationType?.Assembly == typeof(IKubernetes).Assembly);
        Assert.Contains(services, d => d.ServiceType == typeof(ImageCacheStore));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddImageCacheKubernetes(configuration)
            .BuildServiceProvider();
    }
}
