using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ImageCacheFunctions.Emulators.Eci.Protocol;

namespace ImageCacheFunctions.Emulators.Eci.ImageCaches;

/// <summary>The emulated ECI image caches and the four operations on them.</summary>
internal sealed partial class ImageCacheStore(TimeProvider clock, PullRules rules, AcrInstances acr, EmulatorTimings timings, Random random, int defaultPageSize, int maxPageSize, int quota)
{
    // Parameters that do not describe the request's intent, left out of the ClientToken fingerprint.
    private static readonly HashSet<string> NotFingerprinted = new(StringComparer.Ordinal)
    {
        "Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
        "SignatureNonce", "Timestamp", "SecurityToken", "ClientToken",
    };

    private readonly object _gate = new();
    private readonly Dictionary<string, EmulatedImageCache> _caches = new(StringComparer.Ordinal);

    // The same caches oldest first (Describe's order); new caches take the largest sequence, so adding is an append.
    private readonly SortedList<long, EmulatedImageCache> _bySequence = [];
    private readonly Dictionary<(string Action, string Token), (string Fingerprint, Func<string, object> Answer)> _tokens = [];
    private long _sequence;

    public object Create(ParameterReader p, string requestId)
    {
        string region = p.Required("RegionId");
        p.Required("SecurityGroupId");
        p.Required("VSwitchId");
        string name = p.Required("ImageCacheName");
        var images = p.List("Image");
        if (images.Count == 0 || images.Any(string.IsNullOrWhiteSpace))
        {
            throw new EmulatorErrorException(EmulatorError.Missing("Image.1"));
        }

        ValidateName(name);
        int size = p.Int("ImageCacheSize", 20, 32768) ?? 20;
        int? retention = p.Int("RetentionDays", 1, 65536);
        var tags = ReadTags(p);
        var servers = CredentialServers(p);
        servers.UnionWith(acr.Authorized(p, region));

        // Validated as ECI would, though nothing here depends on them.
        _ = p.Bool("AutoMatchImageCache");
        _ = p.Int("FlashCopyCount", 0, 100);
        _ = p.Int("StandardCopyCount", 0, 100);
        _ = OneOf(p, "OsType", "Linux", "Windows");
        bool flash = p.Bool("Flash") ?? false;
        string? elimination = OneOf(p, "EliminationStrategy", "LRU");
        string? token = ClientToken(p);
        lock (_gate)
        {
            if (Replay("CreateImageCache", token, p, requestId) is { } replayed)
            {
                return replayed;
            }

            var now = clock.GetUtcNow();
            MakeRoom(region, now);
            var cache = new EmulatedImageCache
            {
                Id = NewId("imc-"),
                Sequence = ++_sequence,
                RegionId = region,
                ContainerGroupId = NewId("eci-"),
                SnapshotId = NewId("s-"),
                CreationTime = now,
                Name = name,
                Size = size,
                RetentionDays = retention,
                ResourceGroupId = p.Optional("ResourceGroupId"),
                EliminationStrategy = elimination,
                Flash = flash,
                Tags = tags,
                Build = new BuildAttempt(images, servers, now, IsUpdate: false),
            };
            _caches[cache.Id] = cache;
            _bySequence.Add(cache.Sequence, cache);
            Func<string, object> answer = id => new CreateAnswer(id, cache.Id, cache.ContainerGroupId);
            Remember("CreateImageCache", token, p, answer);
            return answer(requestId);
        }
    }

    public object Update(ParameterReader p, string requestId)
    {
        string region = p.Required("RegionId");
        string id = p.Required("ImageCacheId");
        var images = p.List("Image");
        string? name = p.Optional("ImageCacheName");
        if (name is not null)
        {
            ValidateName(name);
        }

        int? size = p.Int("ImageCacheSize", 20, 32768);
        int? retention = p.Int("RetentionDays", 1, 65536);
        var tags = p.Objects("Tag", "Key", "Value").Count > 0 ? ReadTags(p) : null;
        var servers = CredentialServers(p);
        servers.UnionWith(acr.Authorized(p, region));
        _ = p.Int("FlashCopyCount", 0, 100);
        _ = p.Int("StandardCopyCount", 0, 100);
        bool? flash = p.Bool("Flash");
        string? elimination = OneOf(p, "EliminationStrategy", "LRU");
        string? resourceGroup = p.Optional("ResourceGroupId");
        string? token = ClientToken(p);
        lock (_gate)
        {
            if (Replay("UpdateImageCache", token, p, requestId) is { } replayed)
            {
                return replayed;
            }

            var now = clock.GetUtcNow();
            var cache = Find(id, region, now, out var view);
            if (view.Status is not ("Ready" or "UpdateFailed"))
            {
                throw new EmulatorErrorException(EmulatorError.IncorrectStatus(id, view.Status));
            }

            cache.Name = name ?? cache.Name;
            cache.Size = size ?? cache.Size;
            cache.RetentionDays = retention ?? cache.RetentionDays;
            cache.Tags = tags ?? cache.Tags;
            cache.Flash = flash ?? cache.Flash;
            cache.EliminationStrategy = elimination ?? cache.EliminationStrategy;
            cache.ResourceGroupId = resourceGroup ?? cache.ResourceGroupId;
            cache.Build = new BuildAttempt(
                images.Count > 0 ? images : cache.Build.Images,
                servers.Count > 0 ? servers : cache.Build.CredentialServers,
                now,
                IsUpdate: true);
            Func<string, object> answer = rid => new RequestIdAnswer(rid);
            Remember("UpdateImageCache", token, p, answer);
            return answer(requestId);
        }
    }

    public object Delete(ParameterReader p, string requestId)
    {
        string region = p.Required("RegionId");
        string id = p.Required("ImageCacheId");
        string? token = ClientToken(p);
        lock (_gate)
        {
            if (Replay("DeleteImageCache", token, p, requestId) is { } replayed)
            {
                return replayed;
            }

            Forget(Find(id, region, clock.GetUtcNow(), out _));
            Func<string, object> answer = rid => new RequestIdAnswer(rid);
            Remember("DeleteImageCache", token, p, answer);
            return answer(requestId);
        }
    }

    public object Describe(ParameterReader p, string requestId)
    {
        string region = p.Required("RegionId");
        int limit = p.Int("Limit", 1, maxPageSize) ?? defaultPageSize;
        int offset = DecodeToken(p.Optional("NextToken"));
        var ids = p.Optional("ImageCacheId")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        string? name = p.Optional("ImageCacheName");
        string? snapshot = p.Optional("SnapshotId");
        string? image = p.Optional("Image");
        string? resourceGroup = p.Optional("ResourceGroupId");
        var tags = ReadTags(p);
        var matchImages = p.List("MatchImage");
        bool fullMatch = p.Bool("ImageFullMatch") ?? false;
        lock (_gate)
        {
            // Every cache is checked (expiry, filters, the total count) from its stored facts; views
            // are built for the page's caches only, as a real ECI does not render its whole region per page.
            var now = clock.GetUtcNow();
            var expired = new List<EmulatedImageCache>();
            var ranked = matchImages.Count > 0 ? new List<(EmulatedImageCache Cache, int Matches)>() : null;
            var page = new List<EmulatedImageCache>(Math.Min(limit, _bySequence.Count));
            int total = 0;
            foreach (var cache in _bySequence.Values)
            {
                if (!cache.ExistsAt(now, rules, timings))
                {
                    expired.Add(cache);
                    continue;
                }

                // Loops, not lambdas: this runs for every cache on every page.
                var images = cache.Build.Images;
                int matches = CountIn(images, matchImages);
                bool keep = cache.RegionId == region
                    && (ids is null || ids.Contains(cache.Id))
                    && (name is null || cache.Name == name)
                    && (image is null || images.Contains(image))
                    && (resourceGroup is null || cache.ResourceGroupId == resourceGroup)
                    && HasTags(cache.Tags, tags)
                    && (matchImages.Count == 0 || (fullMatch ? matches == matchImages.Count : matches > 0))
                    && (snapshot is null || cache.ViewAt(now, rules, timings)!.SnapshotId == snapshot);
                if (!keep)
                {
                    continue;
                }

                if (ranked is not null)
                {
                    ranked.Add((cache, matches));
                }
                else if (total >= offset && total - offset < limit)
                {
                    page.Add(cache);
                }

                total++;
            }

            foreach (var cache in expired)
            {
                Forget(cache);
            }

            // With MatchImage the best matches come first, as ECI ranks them (a stable sort: oldest
            // first among equals); otherwise oldest first, which keeps offsets stable while new
            // caches are created between pages.
            if (ranked is not null)
            {
                page.AddRange(ranked.OrderByDescending(m => m.Matches).Skip(offset).Take(limit).Select(m => m.Cache));
            }

            string next = offset + limit < total ? EncodeToken(offset + limit) : string.Empty;
            return new DescribeAnswer(requestId, total, next, page.Select(c => c.ViewAt(now, rules, timings)!).ToList());
        }
    }

    private static int CountIn(IReadOnlyList<string> images, List<string> wanted)
    {
        int count = 0;
        foreach (var image in wanted)
        {
            if (images.Contains(image))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Every wanted tag is on the cache (a wanted tag without a value matches any value).</summary>
    private static bool HasTags(IReadOnlyList<TagView> tags, List<TagView> wanted)
    {
        foreach (var want in wanted)
        {
            bool found = false;
            for (int i = 0; i < tags.Count; i++)
            {
                var tag = tags[i];
                if (tag.Key == want.Key && (want.Value is null || tag.Value == want.Value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    public bool SetLastMatchedTime(string id, DateTimeOffset? time)
    {
        lock (_gate)
        {
            if (!_caches.TryGetValue(id, out var cache))
            {
                return false;
            }

            cache.LastMatchedTime = time;
            return true;
        }
    }

    public int Count()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return _caches.Values.Count(c => c.ExistsAt(now, rules, timings));
        }
    }

    /// <summary>
    /// At the region's quota of caches, ECI deletes the least recently used cache whose
    /// EliminationStrategy is LRU ("When the number of image caches reaches the quota, the system
    /// automatically deletes the image caches whose EliminationStrategy parameter is set to LRU
    /// and that are least recently used", CreateImageCache); without one, the create is refused.
    /// </summary>
    private void MakeRoom(string region, DateTimeOffset now)
    {
        if (quota <= 0)
        {
            return;
        }

        var live = _caches.Values.Where(c => c.RegionId == region && c.ExistsAt(now, rules, timings)).ToList();
        if (live.Count < quota)
        {
            return;
        }

        var victim = live
            .Where(c => c.EliminationStrategy == "LRU")
            .OrderBy(c => c.LastMatchedTime ?? c.CreationTime)
            .ThenBy(c => c.Sequence)
            .FirstOrDefault()
            ?? throw new EmulatorErrorException(new EmulatorError(System.Net.HttpStatusCode.Forbidden, "QuotaExceed.ImageCache", $"The number of image caches in {region} reached the quota of {quota}; none has the LRU elimination strategy."));
        Forget(victim);
    }

    private void Forget(EmulatedImageCache cache)
    {
        _caches.Remove(cache.Id);
        _bySequence.Remove(cache.Sequence);
    }

    private static string? OneOf(ParameterReader p, string name, params string[] allowed)
    {
        string? value = p.Optional(name);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new EmulatorErrorException(EmulatorError.Invalid(name, $"valid values: {string.Join(", ", allowed)}."));
    }

    private EmulatedImageCache Find(string id, string region, DateTimeOffset now, out ImageCacheView view)
    {
        if (_caches.TryGetValue(id, out var cache) && cache.RegionId == region && cache.ViewAt(now, rules, timings) is { } v)
        {
            view = v;
            return cache;
        }

        throw new EmulatorErrorException(EmulatorError.CacheNotFound(id));
    }

    private object? Replay(string action, string? token, ParameterReader p, string requestId)
    {
        if (token is null || !_tokens.TryGetValue((action, token), out var earlier))
        {
            return null;
        }

        return earlier.Fingerprint == Fingerprint(p)
            ? earlier.Answer(requestId)
            : throw new EmulatorErrorException(EmulatorError.TokenMismatch);
    }

    private void Remember(string action, string? token, ParameterReader p, Func<string, object> answer)
    {
        if (token is not null)
        {
            _tokens[(action, token)] = (Fingerprint(p), answer);
        }
    }

    private static string Fingerprint(ParameterReader p) =>
        string.Join('\n', p.All.Where(kv => !NotFingerprinted.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));

    private static string? ClientToken(ParameterReader p)
    {
        string? token = p.Optional("ClientToken");
        if (token is not null && (token.Length > 64 || token.Any(c => c > 127)))
        {
            throw new EmulatorErrorException(EmulatorError.Invalid("ClientToken", "must be ASCII and at most 64 characters."));
        }

        return token;
    }

    private static List<TagView> ReadTags(ParameterReader p)
    {
        var tags = p.Objects("Tag", "Key", "Value");
        if (tags.Count > 20)
        {
            throw new EmulatorErrorException(EmulatorError.Invalid("Tag", "at most 20 tags."));
        }

        return tags.Select((t, i) => t.TryGetValue("Key", out var key) && !string.IsNullOrEmpty(key)
                ? new TagView(key, t.GetValueOrDefault("Value"))
                : throw new EmulatorErrorException(EmulatorError.Missing(string.Create(CultureInfo.InvariantCulture, $"Tag.{i + 1}.Key"))))
            .ToList();
    }

    private static HashSet<string> CredentialServers(ParameterReader p) =>
        p.Objects("ImageRegistryCredential", "Server", "UserName", "Password")
            .Select((c, i) => c.TryGetValue("Server", out var s) && !string.IsNullOrEmpty(s)
                ? s.ToLowerInvariant()
                : throw new EmulatorErrorException(EmulatorError.Missing(string.Create(CultureInfo.InvariantCulture, $"ImageRegistryCredential.{i + 1}.Server"))))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new EmulatorErrorException(EmulatorError.Invalid("ImageCacheName", "2 to 128 characters: lower-case letters, digits, hyphens and dots, starting and ending with a letter or digit."));
        }
    }

    private static string EncodeToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int DecodeToken(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Reported below like any other unknown token.
        }

        throw new EmulatorErrorException(EmulatorError.Invalid("NextToken", "it was not returned by a previous call."));
    }

    private string NewId(string prefix)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[20];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return prefix + new string(chars);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,126}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
