using System.Collections;
using ImageCacheFunctions.LocalGateway.Backends;
using ImageCacheFunctions.LocalGateway.Functions;
using ImageCacheFunctions.LocalGateway.Stack;

namespace ImageCacheFunctions.LocalGateway.Tests.Unit;

public sealed class FunctionEnvironmentTests
{
    private static readonly StackFunction Function = new(
        "reconcile-status",
        "csharp-isolated",
        "/repo/functions/reconcile-status",
        "image",
        new Dictionary<string, string>
        {
            ["Eci__RegionId"] = "cn-shanghai",
            ["exec_timeout"] = "120s",
            ["Webhook__SourcesFile"] = "/var/openfaas/secrets/registry-webhook-sources",
        },
        ["function-key"],
        new Dictionary<string, string>(),
        new Dictionary<string, string>());

    private static readonly BackendEndpoints Embedded = new(
        "/state/kubeconfig", new Uri("http://127.0.0.1:5001/"), new Uri("http://127.0.0.1:5002/"), "cn-hangzhou", "LTAItest", "secret");

    private static readonly BackendEndpoints RealEci = Embedded with
    {
        EciEndpoint = new Uri("https://eci.cn-beijing.aliyuncs.com"),
        EciRegion = "cn-beijing",
        EciTestAccessKeyId = null,
        EciTestAccessKeySecret = null,
    };

    private static readonly Hashtable Inherited = new()
    {
        ["PATH"] = "/usr/bin",
        ["ALIBABA_CLOUD_ACCESS_KEY_ID"] = "LTAIreal",
        ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"] = "real-secret",
        ["ASPNETCORE_URLS"] = "http://+:5000",
        ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
    };

    [Fact]
    public void Gives_the_host_contract_and_the_backends()
    {
        var environment = FunctionEnvironment.Compose(Function, 40123, Embedded, "/state/secrets", inherited: Inherited);

        Assert.Equal("40123", environment["PORT"]);
        Assert.Equal("connector", environment["FUNCTIONS_TIMER_MODE"]);
        Assert.Equal("/state/secrets", environment["OPENFAAS_SECRETS_DIR"]);
        Assert.Equal("/state/kubeconfig", environment["KUBECONFIG"]);
        Assert.Equal("/state/kubeconfig", environment["Kubernetes__KubeConfig"]);
        Assert.Equal("true", environment["Kubernetes__RequireExplicitConfig"]);
        Assert.Equal("http://127.0.0.1:5002", environment["Eci__Endpoint"]);
        Assert.Equal("true", environment["Eci__AllowInsecureHttp"]);
        Assert.Equal("vsw-local", environment["Eci__VSwitchId"]);
        Assert.Equal("sg-local", environment["Eci__SecurityGroupId"]);
        Assert.Equal("120s", environment["exec_timeout"]);
    }

    [Fact]
    public void A_url_of_the_in_cluster_gateway_points_at_this_gateway()
    {
        // Issue 12, item 11: imagecache-api's reconcile trigger went to gateway.openfaas, with the key.
        var function = Function with
        {
            Environment = new Dictionary<string, string>(Function.Environment) { ["Api__ReconcileUrl"] = "http://gateway.openfaas:8080/function/reconcile-status" },
        };

        var environment = FunctionEnvironment.Compose(function, 1, Embedded, "/state/secrets", new Uri("http://127.0.0.1:41234"), Inherited);

        Assert.Equal("http://127.0.0.1:41234/function/reconcile-status", environment["Api__ReconcileUrl"]);
    }

    [Fact]
    public void The_region_chosen_on_the_command_line_wins_over_the_stack_default()
    {
        var environment = FunctionEnvironment.Compose(Function, 1, Embedded, "/state/secrets", inherited: Inherited);

        Assert.Equal("cn-hangzhou", environment["Eci__RegionId"]);
    }

    [Fact]
    public void Secret_paths_of_the_openfaas_mount_point_at_the_local_secrets_folder()
    {
        var environment = FunctionEnvironment.Compose(Function, 1, Embedded, "/state/secrets", inherited: Inherited);

        Assert.Equal("/state/secrets/registry-webhook-sources", environment["Webhook__SourcesFile"]);
    }

    [Fact]
    public void A_real_access_key_never_reaches_a_function_talking_to_the_emulator()
    {
        var environment = FunctionEnvironment.Compose(Function, 1, Embedded, "/state/secrets", inherited: Inherited);

        Assert.True(environment.ContainsKey("ALIBABA_CLOUD_ACCESS_KEY_ID"));
        Assert.Null(environment["ALIBABA_CLOUD_ACCESS_KEY_ID"]);
        Assert.Null(environment["ALIBABA_CLOUD_ACCESS_KEY_SECRET"]);
        Assert.False(environment.ContainsKey("PATH"));
    }

    [Fact]
    public void Against_real_eci_the_users_credentials_pass_through_and_no_emulator_settings_are_added()
    {
        var environment = FunctionEnvironment.Compose(Function, 1, RealEci, "/state/secrets", inherited: Inherited);

        Assert.False(environment.ContainsKey("ALIBABA_CLOUD_ACCESS_KEY_ID"));
        Assert.Equal("https://eci.cn-beijing.aliyuncs.com", environment["Eci__Endpoint"]);
        Assert.Equal("cn-beijing", environment["Eci__RegionId"]);
        Assert.False(environment.ContainsKey("Eci__AllowInsecureHttp"));
        Assert.False(environment.ContainsKey("Eci__VSwitchId"));
    }

    [Fact]
    public void Inherited_listen_urls_and_in_cluster_settings_are_removed()
    {
        var environment = FunctionEnvironment.Compose(Function, 1, Embedded, "/state/secrets", inherited: Inherited);

        Assert.Null(environment["ASPNETCORE_URLS"]);
        Assert.Null(environment["KUBERNETES_SERVICE_HOST"]);
    }
}
