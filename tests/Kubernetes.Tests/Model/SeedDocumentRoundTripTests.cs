using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Resources;
using ImageCacheFunctions.Kubernetes.Tests.Support;
using k8s;

namespace ImageCacheFunctions.Kubernetes.Tests.Model;

/// <summary>The seed's sample outputs read into the typed model and written back lose nothing.</summary>
public sealed class SeedDocumentRoundTripTests
{
    [Theory]
    [InlineData("kubectl-get-imagecache.yaml")]
    [InlineData("imagecache-sample.yaml")]
    [InlineData("imagecache-secrets-test.yaml")]
    [InlineData("create-request.yaml")]
    public void Yaml_document_round_trips_through_KubernetesJson(string fixture)
    {
        var source = YamlJson.ToJson(Fixture.Read(fixture));

        var cache = KubernetesJson.Deserialize<ImageCache>(source!.ToJsonString());
        var written = JsonNode.Parse(KubernetesJson.Serialize(cache));

        JsonTree.AssertEquivalent(source, written);
    }

    [Theory]
    [InlineData("create-response.json")]
    [InlineData("get-response.json")]
    public void Json_response_round_trips(string fixture)
    {
        var text = Fixture.Read(fixture);

        var cache = KubernetesJson.Deserialize<ImageCache>(text);

        JsonTree.AssertEquivalent(JsonNode.Parse(text), JsonNode.Parse(KubernetesJson.Serialize(cache)));
    }

    [Fact]
    public void List_response_round_trips()
    {
        var text = Fixture.Read("list-response.json");

        var list = KubernetesJson.Deserialize<ImageCacheList>(text);

        Assert.Equal(ImageCacheResource.ListKind, list.Kind);
        Assert.Equal("647062964", list.Metadata.ResourceVersion);
        var item = Assert.Single(list.Items);
        Assert.Equal("imc-2ze5xnx4yiply807zo0o", item.Status?.ImageCacheId);
        JsonTree.AssertEquivalent(JsonNode.Parse(text), JsonNode.Parse(KubernetesJson.Serialize(list)));
    }

    [Fact]
    public void Kubectl_output_reads_into_typed_fields()
    {
        var cache = KubernetesJson.Deserialize<ImageCache>(YamlJson.ToJson(Fixture.Read("kubectl-get-imagecache.yaml"))!.ToJsonString());

        Assert.Equal("imagecache-sample-liu", cache.Metadata.Name);
        Assert.Equal(1, cache.Metadata.Generation);
        Assert.Equal(25, cache.Spec.ImageCacheSize);
        Assert.Equal(["busybox:latest", "nginx"], cache.Spec.Images);
        Assert.Null(cache.Spec.RetentionDays);
        var status = Assert.IsType<ImageCacheStatus>(cache.Status);
        Assert.Equal(ImageCachePhase.Ready, status.Phase);
        Assert.Equal("100%", status.Progress);
        Assert.Equal("imc-2zeditzeoemfhqor4rf8", status.ImageCacheId);
        Assert.Equal(new DateTimeOffset(2019, 10, 24, 13, 40, 58, TimeSpan.Zero), status.StartTime);
        Assert.Equal(new DateTimeOffset(2019, 10, 24, 13, 44, 17, TimeSpan.Zero), status.LastUpdatedTime);
        Assert.Equal(new DateTimeOffset(2019, 10, 25, 13, 40, 54, TimeSpan.Zero), status.ExpireDateTime);
        Assert.Equal(3, status.Events!.Count);
        var first = status.Events[0];
        Assert.Equal("Success pull image busybox:latest", first.Message);
        Assert.Equal("kubelet", first.Source.Component);
        Assert.Equal("eci", first.Source.Host);
        Assert.Equal("busybox:latest", first.Metadata.Name);
        Assert.Equal(new DateTime(2019, 10, 24, 13, 41, 40, DateTimeKind.Utc), first.FirstTimestamp);
    }

    [Fact]
    public void Times_are_written_as_the_API_server_writes_them()
    {
        var cache = KubernetesJson.Deserialize<ImageCache>(YamlJson.ToJson(Fixture.Read("kubectl-get-imagecache.yaml"))!.ToJsonString());

        var json = KubernetesJson.Serialize(cache);

        Assert.Contains("\"startTime\":\"2019-10-24T13:40:58Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"expireDateTime\":\"2019-10-25T13:40:54Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"creationTimestamp\":\"2019-10-24T13:40:56Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"firstTimestamp\":\"2019-10-24T13:41:40Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void KubernetesYaml_reads_the_seed_sample_and_writes_it_back()
    {
        var cache = KubernetesYaml.Deserialize<ImageCache>(Fixture.Read("imagecache-sample.yaml"));

        Assert.Equal("imagecache-sample", cache.Metadata.Name);
        Assert.Equal(["centos:latest", "busybox:latest"], cache.Spec.Images);
        Assert.Equal(["default:secret1", "default:secret2", "kube-system:secret3"], cache.Spec.ImagePullSecrets);
        Assert.Equal(25, cache.Spec.ImageCacheSize);
        Assert.Equal(7, cache.Spec.RetentionDays);

        var again = KubernetesYaml.Deserialize<ImageCache>(KubernetesYaml.Serialize(cache));
        JsonTree.AssertEquivalent(JsonNode.Parse(KubernetesJson.Serialize(cache)), JsonNode.Parse(KubernetesJson.Serialize(again)));
    }

    [Fact]
    public void KubernetesYaml_reads_the_kubectl_output()
    {
        var cache = KubernetesYaml.Deserialize<ImageCache>(Fixture.Read("kubectl-get-imagecache.yaml"));

        Assert.Equal(ImageCachePhase.Ready, cache.Status?.Phase);
        Assert.Equal(new DateTimeOffset(2019, 10, 24, 13, 40, 58, TimeSpan.Zero), cache.Status?.StartTime);
        Assert.Equal(3, cache.Status?.Events?.Count);
        Assert.Contains("startTime: \"2019-10-24T13:40:58Z\"", KubernetesYaml.Serialize(cache), StringComparison.Ordinal);
    }
}
