#include "sigv4.h"

#include <gtest/gtest.h>

namespace sparkdx::fetch {
namespace {

// The credentials and time every vector of AWS's SigV4 test suite uses.
const AwsCredentials kExampleCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
constexpr int64_t kSuiteTimeS = 1440938160;  // 2015-08-30T12:36:00Z

std::string Signature(const SigV4Request& request, const AwsCredentials& credentials, const std::string& service) {
  return SignV4(request, credentials, {"us-east-1", service, kSuiteTimeS}).signature;
}

SigV4Request EmrRequest(const std::string& action, const std::string& body) {
  SigV4Request request;
  request.method = "POST";
  request.path = "/";
  request.headers = {{"Host", "elasticmapreduce.us-east-1.amazonaws.com"},
                     {"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "ElasticMapReduce." + action}};
  request.body = body;
  return request;
}

TEST(SigV4, Sha256AndHmacMatchKnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  std::string mac = HmacSha256("Jefe", "what do ya want for nothing?");
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : mac) hex += std::string{kHex[c >> 4], kHex[c & 0xF]};
  EXPECT_EQ(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(SigV4, AmzDateIsUtcBasicFormat) { EXPECT_EQ(AmzDate(kSuiteTimeS), "20150830T123600Z"); }

// aws-c-auth tests/aws-signing-test-suite/v4/get-vanilla.
TEST(SigV4, GetVanillaVector) {
  SigV4Request request;
  request.method = "GET";
  request.headers = {{"Host", "example.amazonaws.com"}};
  SigV4Result result = SignV4(request, kExampleCredentials, {"us-east-1", "service", kSuiteTimeS});
  EXPECT_EQ(result.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(result.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  ASSERT_EQ(result.headers_to_add.size(), 2u);
  EXPECT_EQ(result.headers_to_add[0], (std::pair<std::string, std::string>{"X-Amz-Date", "20150830T123600Z"}));
  EXPECT_EQ(result.headers_to_add[1].second,
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

// EMR-shaped requests signed by botocore's SigV4Auth (the reference signer).
TEST(SigV4, EmrListClustersVector) {
  SigV4Request request = EmrRequest("ListClusters", R"({"ClusterStates":["TERMINATED"]})");
  SigV4Result result = SignV4(request, kExampleCredentials, {"us-east-1", "elasticmapreduce", kSuiteTimeS});
  // The string to sign carries the canonical request's hash.
  EXPECT_EQ(Sha256Hex(result.canonical_request), "ffee593e3d0c64c63be673662981f9c6202b16e3f166769a7ce14bdb0f6109aa");
  EXPECT_EQ(result.signature, "5c8738c1691d24c17beafb39bd4cfb157c0a4dd6c91bd5b095641367b4c88ad7");
}

TEST(SigV4, SessionTokenIsSentAndSigned) {
  AwsCredentials credentials = kExampleCredentials;
  credentials.session_token = "EXAMPLESESSIONTOKEN";
  SigV4Request request = EmrRequest("ListClusters", R"({"ClusterStates":["TERMINATED"]})");
  SigV4Result result = SignV4(request, credentials, {"us-east-1", "elasticmapreduce", kSuiteTimeS});
  EXPECT_EQ(result.signature, "5d33506e60c72fa9310408ac68ccd57690f6462da99cfea8eacc86c1e4abbdaa");
  ASSERT_EQ(result.headers_to_add.size(), 3u);
  EXPECT_EQ(result.headers_to_add[1], (std::pair<std::string, std::string>{"X-Amz-Security-Token", "EXAMPLESESSIONTOKEN"}));
  EXPECT_NE(result.headers_to_add[2].second.find("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;"
                                                 "x-amz-target,"),
            std::string::npos);
}

TEST(SigV4, EmrPresignedUrlVector) {
  SigV4Request request = EmrRequest("GetPersistentAppUIPresignedURL",
                                    R"({"PersistentAppUIId":"p-examplepui","PersistentAppUIType":"SHS"})");
  EXPECT_EQ(Signature(request, kExampleCredentials, "elasticmapreduce"),
            "666c1db43bc68ce99e5f9472610fbf01e9903d76c8a4ffc758d484b3539b11bd");
}

std::string CanonicalUriOf(const std::string& path) {
  SigV4Request request;
  request.method = "GET";
  request.path = path;
  request.headers = {{"Host", "example.amazonaws.com"}};
  std::string canonical = SignV4(request, kExampleCredentials, {"us-east-1", "service", kSuiteTimeS}).canonical_request;
  size_t first = canonical.find('\n');
  return canonical.substr(first + 1, canonical.find('\n', first + 1) - first - 1);
}

TEST(SigV4, PathIsNormalisedAndEncodedAgain) {
  EXPECT_EQ(CanonicalUriOf("/example/.."), "/");
  EXPECT_EQ(CanonicalUriOf("/./"), "/");
  EXPECT_EQ(CanonicalUriOf("/example1/example2/../.."), "/");
  EXPECT_EQ(CanonicalUriOf("//example//"), "/example/");
  EXPECT_EQ(CanonicalUriOf("/example/./example2/"), "/example/example2/");
  EXPECT_EQ(CanonicalUriOf("/%E1%88%B4"), "/%25E1%2588%25B4");
  EXPECT_EQ(CanonicalUriOf("/example%20space/"), "/example%2520space/");
  EXPECT_EQ(CanonicalUriOf("/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
            "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
}

TEST(SigV4, QueryIsSortedAndReencoded) {
  SigV4Request request;
  request.method = "GET";
  request.query = "Param2=value2&Param1=value1&a=%e1%88%b4&b=&c";
  request.headers = {{"Host", "example.amazonaws.com"}};
  std::string canonical = SignV4(request, kExampleCredentials, {"us-east-1", "service", kSuiteTimeS}).canonical_request;
  EXPECT_NE(canonical.find("\nParam1=value1&Param2=value2&a=%E1%88%B4&b=&c=\n"), std::string::npos) << canonical;
}

TEST(SigV4, HeadersAreLowerCasedTrimmedSortedAndJoined) {
  SigV4Request request;
  request.method = "GET";
  request.headers = {{"Host", "example.amazonaws.com"},
                     {"My-Header1", "  value1   with  spaces "},
                     {"my-header2", "a"},
                     {"My-Header2", "b"}};
  SigV4Result result = SignV4(request, kExampleCredentials, {"us-east-1", "service", kSuiteTimeS});
  EXPECT_NE(result.canonical_request.find("my-header1:value1 with spaces\nmy-header2:a,b\n"), std::string::npos)
      << result.canonical_request;
  EXPECT_NE(result.canonical_request.find("\nhost;my-header1;my-header2;x-amz-date\n"), std::string::npos);
}

}  // namespace
}  // namespace sparkdx::fetch
