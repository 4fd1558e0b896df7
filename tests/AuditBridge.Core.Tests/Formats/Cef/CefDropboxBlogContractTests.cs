using AuditBridge.Formats;
using AuditBridge.Formats.Cef;
using AuditBridge.Sources;

namespace AuditBridge.Core.Tests.Formats.Cef;

public sealed class CefDropboxBlogContractTests : FormatterContractTests
{
    protected override string GoldenSuffix => ".dropbox-blog.cef";

    protected override IEventFormatter CreateFormatter() => EventFormatters.Cef(new CefFormatterOptions { Profile = CefProfiles.DropboxBlog, Products = VendorProducts.All });

    protected override void AssertOneRecord(byte[] record) => CefFormatterContractTests.AssertOneCefRecord(record);
}
