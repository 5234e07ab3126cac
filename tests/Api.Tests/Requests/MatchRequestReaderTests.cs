using ImageCacheFunctions.Api.Tests.Support;
using ImageCacheFunctions.ImageCaches.Operations.Api;

namespace ImageCacheFunctions.Api.Tests.Requests;

/// <summary>What POST /match accepts: pods and workloads in JSON or YAML, image lists; and what it refuses.</summary>
public sealed class MatchRequestReaderTests
{
    internal const int MaxImages = 100;

    [Theory]
    [InlineData("nginx-pod-auto-match.yaml", "Pod", "nginx-auto-match", "metadata.annotations")]
    [InlineData("nginx-pod-snapshot-id.yaml", "Pod", "nginx-imagecache-id", "metadata.annotations")]
    [InlineData("nginx-deployment-auto-match.yaml", "Deployment", "nginx-deployment", "spec.template.metadata.annotations")]
    [InlineData("nginx-deployment-snapshot-id.yaml", "Deployment", "nginx-deployment", "spec.template.metadata.annotations")]
    public void Reads_the_seed_samples(string sample, string kind, string name, string annotationsPath)
    {
        Assert.True(MatchRequestReader.TryRead(Samples.Read(sample), "application/yaml", [], MaxImages, out var template, out var error, out _), error);

        Assert.Equal(kind, template!.Kind);
        Assert.Equal(name, template.Name);
        Assert.Equal(annotationsPath, template.PodAnnotationsPath);
        Assert.Equal("nginx:1.7.9", Assert.Single(template.Containers).Image);
        Assert.Single(template.PodAnnotations);
    }

    public static TheoryData<string, string, string[]> Templates() => new()
    {
        {
            """{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly"},"spec":{"schedule":"0 0 * * *","jobTemplate":{"spec":{"template":{"metadata":{"annotations":{"k8s.aliyun.com/eci-auto-imc":"true"}},"spec":{"initContainers":[{"name":"init","image":"busybox:1.36"}],"containers":[{"name":"job","image":"app:1"}]}}}}}}""",
            "spec.jobTemplate.spec.template.metadata.annotations",
            ["busybox:1.36", "app:1"]
        },
        {
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: db, image: 'postgres:16'}\n      - {name: exporter, image: prom/postgres-exporter:v0.15.0}\n",
            "spec.template.metadata.annotations",
            ["postgres:16", "prom/postgres-exporter:v0.15.0"]
        },
        {
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      containers:\n      - name: job\n        image: app:2\n",
            "spec.template.metadata.annotations",
            ["app:2"]
        },
        {
            // A Service and a Deployment in one file: the Deployment is the one with a pod template.
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: 'nginx:1.25'}]\n",
            "spec.template.metadata.annotations",
            ["nginx:1.25"]
        },
        {
            """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"redis:7"}]}}]}""",
            "metadata.annotations",
            ["redis:7"]
        },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Finds_the_pod_template_of_each_kind(string body, string annotationsPath, string[] images)
    {
        Assert.True(MatchRequestReader.TryRead(body, null, [], MaxImages, out var template, out var error, out _), error);

        Assert.Equal(annotationsPath, template!.PodAnnotationsPath);
        Assert.Equal(images, template.Containers.Select(c => c.Image));
    }

    [Theory]
    [InlineData("""["nginx:1.7.9","busybox"]""")]
    [InlineData("""{"images":["nginx:1.7.9","busybox"],"annotations":{"k8s.aliyun.com/eci-auto-imc":"true"}}""")]
    [InlineData("images:\n- nginx:1.7.9\n- busybox\n")]
    public void Reads_image_lists(string body)
    {
        Assert.True(MatchRequestReader.TryRead(body, null, [], MaxImages, out var template, out var error, out _), error);

        Assert.Equal(PodTemplate.ImageListKind, template!.Kind);
        Assert.Equal(["nginx:1.7.9", "busybox"], template.Containers.Select(c => c.Image));
    }

    [Fact]
    public void Reads_query_images_when_there_is_no_body()
    {
        Assert.True(MatchRequestReader.TryRead("", null, ["nginx:1.7.9"], MaxImages, out var template, out _, out _));

        Assert.Equal("image[0]", Assert.Single(template!.Containers).Field);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { "", "empty" },
        { "{\"kind\":", "not valid JSON" },
        { "kind: [unclosed", "valid YAML" },
        { """{"kind":"Service","spec":{}}""", "no Pod or workload" },
        { """{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]}}""", "spec.containers[0].image" },
        { """{"kind":"Pod","spec":{"containers":[]}}""", "spec.containers" },
        { """{"kind":"Deployment","spec":{}}""", "spec.template" },
        { """{"images":"nginx"}""", "images must be a list" },
        { """{"images":["nginx", 3, ""]}""", "images[2]" },
        { "kind: Pod\nspec: {containers: [{image: a}]}\n---\nkind: Pod\nspec: {containers: [{image: b}]}\n", "2 objects" },
        { """{"kind":"Pod","kind":"Pod"}""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void Says_what_is_wrong(string body, string expected)
    {
        Assert.False(MatchRequestReader.TryRead(body, null, [], MaxImages, out _, out var error, out _));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_alias_bomb_is_refused_not_expanded()
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 0; i < 8; i++)
        {
            var previous = (char)('a' + i);
            var next = (char)('a' + i + 1);
            lines.Add($"{next}: &{next} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]");
        }

        Assert.False(RequestDocuments.TryParse(string.Join('\n', lines), "application/yaml", out _, out var error));
        Assert.Contains("nodes", error, StringComparison.Ordinal);
    }
}

/// <summary>
/// Issue 12, item 2: a deep body is a 400, never a stack overflow. The hostile bodies are
/// generated here (60 KB, 30,000 levels); before, the JSON one fell back to the recursive YAML
/// reader and killed the process ("Stack overflow", exit 134).
/// </summary>
public sealed class DeepBodyTests
{
    private const int Levels = 30_000;

    public static TheoryData<string, string, string> DeepBodies() => new()
    {
        // Starts like JSON and fails at the JSON reader's depth limit: refused as JSON, not re-read as YAML.
        { string.Concat(Enumerable.Repeat("{\"a\":", Levels)) + "1" + new string('}', Levels), "application/octet-stream", "depth" },
        { string.Concat(Enumerable.Repeat("{\"a\":", Levels)), "", "depth" },
        // YAML flow style inside an unquoted-key mapping: not JSON, and too deep for YAML.
        { "{a: " + new string('[', Levels) + new string(']', Levels) + "}", "", "not valid JSON" },
        { "a: " + new string('[', Levels) + new string(']', Levels), "", "deeper than 64" },
        // YAML block sequences on one line.
        { string.Concat(Enumerable.Repeat("- ", Levels)) + "x", "application/yaml", "deeper than 64" },
        // YAML block mappings, indented (kept to 200 levels: indentation grows quadratically).
        { string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 200) + "x", "application/yaml", "deeper than 64" },
    };

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public void A_deep_body_is_refused_with_a_message(string body, string contentType, string expected)
    {
        Assert.False(MatchRequestReader.TryRead(body, contentType, [], MatchRequestReaderTests.MaxImages, out _, out var error, out _));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_that_would_nest_too_deep_is_refused()
    {
        // 40 levels, then an alias of it placed 40 levels down: 80 in all.
        var deep = new string('[', 40) + "x" + new string(']', 40);
        var body = $"a: &a {deep}\nb: {new string('[', 40)}*a{new string(']', 40)}\n";

        Assert.False(RequestDocuments.TryParse(body, "application/yaml", out _, out var error));
        Assert.Contains("deeper than 64", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_and_nulls_read_as_before()
    {
        var body = "base: &img {image: 'nginx:1.25', name: web}\ncontainers: [*img, {image: redis, name: ~}]\nempty:\n";

        Assert.True(RequestDocuments.TryParse(body, "application/yaml", out var documents, out var error), error);
        var doc = Assert.Single(documents);
        var containers = doc.Field("containers")!.Value.Items(2);
        Assert.Equal("nginx:1.25", containers[0].Field("image").StringValue());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, containers[1].Field("name")!.Value.ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.Field("empty")!.Value.ValueKind);
    }
}
