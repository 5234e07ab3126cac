using System.Text.Json;
using System.Text.Json.Nodes;
using ImageCacheFunctions.ImageCaches.Operations.Api;

namespace ImageCacheFunctions.Api.Tests.Requests;

/// <summary>The ImageCache rules without I/O: each rule, its field path, deny or warn.</summary>
public sealed class ImageCacheRulesTests
{
    public static TheoryData<string, string[], string[]> Cases() => new()
    {
        // spec (JSON), fields denied, fields warned
        { """{"images":["centos:latest","busybox:latest"],"imageCacheSize":25,"retentionDays":7}""", [], [] },
        { """{}""", ["spec.images"], [] },
        { """{"images":[]}""", ["spec.images"], [] },
        { """{"images":"nginx"}""", ["spec.images"], [] },
        { """{"images":["nginx", 7, ""]}""", ["spec.images[1]", "spec.images[2]"], [] },
        { """{"images":["nginx","docker.io/library/nginx:latest","index.docker.io/library/nginx"]}""", ["spec.images[1]", "spec.images[2]"], [] },
        { """{"images":["nginx:1","nginx:2","nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000"]}""", [], [] },
        { """{"images":["nginx"],"imageCacheSize":19}""", ["spec.imageCacheSize"], [] },
        { """{"images":["nginx"],"imageCacheSize":32769}""", ["spec.imageCacheSize"], [] },
        { """{"images":["nginx"],"imageCacheSize":"25"}""", ["spec.imageCacheSize"], [] },
        { """{"images":["nginx"],"imageCacheSize":25.5}""", ["spec.imageCacheSize"], [] },
        { """{"images":["nginx"],"retentionDays":0}""", ["spec.retentionDays"], [] },
        { """{"images":["nginx"],"retentionDays":65537}""", ["spec.retentionDays"], [] },
        { """{"images":["nginx"],"retentionDays":65536,"imageCacheSize":32768}""", [], [] },
        { """{"images":["nginx"],"imagePullSecrets":["default:a","Default:b","default/c","default:a"]}""", ["spec.imagePullSecrets[1]", "spec.imagePullSecrets[2]"], ["spec.imagePullSecrets[3]"] },
        { """{"images":["nginx"],"imagePullSecrets":"default:a"}""", ["spec.imagePullSecrets"], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_names_its_field(string spec, string[] denied, string[] warned)
    {
        var findings = ImageCacheRules.Check(Object(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c" }, ["spec"] = JsonNode.Parse(spec) }));

        Assert.Equal(denied, findings.Problems.Where(p => p.Denies).Select(p => p.Field));
        Assert.Equal(warned, findings.Problems.Where(p => !p.Denies).Select(p => p.Field));
    }

    [Fact]
    public void A_missing_spec_is_required()
    {
        var findings = ImageCacheRules.Check(Object(new JsonObject { ["metadata"] = new JsonObject() }));

        var problem = Assert.Single(findings.Problems);
        Assert.Equal(("spec", AdmissionProblem.Required, true), (problem.Field, problem.Reason, problem.Denies));
    }

    [Fact]
    public void An_invalid_size_is_not_also_compared_with_the_images()
    {
        var findings = ImageCacheRules.Check(Object("""
            {"metadata":{"annotations":{"imagecache.functions.openfaas.dev/images-size":"30Gi"}},"spec":{"images":["flink:1.18"],"imageCacheSize":5}}
            """));

        Assert.Equal("spec.imageCacheSize", Assert.Single(findings.Problems).Field);
    }

    [Fact]
    public void Valid_images_and_secrets_are_handed_on_for_the_secret_check()
    {
        var findings = ImageCacheRules.Check(Object("""
            {"spec":{"images":["nginx","Bad","nginx:latest","redis"],"imagePullSecrets":["default:a","nope","default:a"]}}
            """));

        Assert.Equal(["nginx", "redis"], findings.ValidImages);
        Assert.Equal(["default:a"], findings.ValidSecrets);
    }

    private static JsonText Object(JsonNode node) => JsonText.Parse(JsonSerializer.SerializeToUtf8Bytes(node));

    private static JsonText Object(string json) => JsonText.Parse(System.Text.Encoding.UTF8.GetBytes(json));
}
