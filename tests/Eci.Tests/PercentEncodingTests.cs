using ImageCacheFunctions.Eci.Signing;

namespace ImageCacheFunctions.Eci.Tests;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("AZaz09-_.~", "AZaz09-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("*", "%2A")]
    [InlineData("~", "~")]
    [InlineData("/", "%2F")]
    [InlineData(":", "%3A")]
    [InlineData("@", "%40")]
    [InlineData("+", "%2B")]
    [InlineData("=&", "%3D%26")]
    [InlineData("!'()", "%21%27%28%29")]
    [InlineData("é", "%C3%A9")]
    [InlineData("中文", "%E4%B8%AD%E6%96%87")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("", "")]
    public void Encodes_per_RFC_3986_with_Alibaba_unreserved_set(string raw, string encoded) =>
        Assert.Equal(encoded, AcsPercentEncoder.Encode(raw));

    [Fact]
    public void Canonical_query_sorts_by_name_and_encodes_names_and_values()
    {
        string query = CanonicalQuery.Build([new("Tag.1.Value", "a b*"), new("Image.1", "registry.example.com:5000/app@sha256:ab"), new("Action", "X")]);
        Assert.Equal("Action=X&Image.1=registry.example.com%3A5000%2Fapp%40sha256%3Aab&Tag.1.Value=a%20b%2A", query);
    }

    [Fact]
    public void Non_ascii_and_reserved_values_sign_the_same_way_in_V2_string_to_sign()
    {
        string sts = RpcV2Signer.StringToSign("POST", [new("ImageCacheName", "测试 cache")]);
        Assert.Equal("POST&%2F&ImageCacheName%3D%25E6%25B5%258B%25E8%25AF%2595%2520cache", sts);
    }
}
