#include "cost/price_catalog.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>

namespace sparkdx::cost {
namespace {

const char kValid[] = R"({
  "provider": "aws", "product": "ec2", "kind": "instances", "currency": "USD",
  "region": "us-east-1", "effective_date": "2025-01-15",
  "source": "https://example.com/prices", "notes": "test",
  "entries": [
    {"name": "x1.large", "vcpu": 2, "memory_gib": 8, "usd_per_hour": 0.1},
    {"name": "m5.2xlarge", "vcpu": 8, "memory_gib": 32, "usd_per_hour": 0.5}
  ]
})";

std::string ParseError(const std::string& text) {
  PriceCatalog catalog;
  std::string error;
  EXPECT_FALSE(ParsePriceCatalog(text, "mine.json", &catalog, &error));
  return error;
}

// Every built-in catalog parses, and every entry carries positive numbers
// for its kind, a date and a source.
TEST(PriceCatalogTest, BuiltInCatalogsAreValid) {
  EXPECT_TRUE(BuiltInCatalogErrors().empty()) << BuiltInCatalogErrors()[0];
  ASSERT_EQ(BuiltInCatalogs().size(), 9u);
  for (const PriceCatalog& catalog : BuiltInCatalogs()) {
    SCOPED_TRACE(catalog.file);
    EXPECT_FALSE(catalog.sources.empty());
    for (const std::string& source : catalog.sources) EXPECT_EQ(source.rfind("https://", 0), 0u) << source;
    EXPECT_EQ(catalog.effective_date.size(), 10u);
    EXPECT_FALSE(catalog.notes.empty());
    EXPECT_FALSE(catalog.entries.empty());
    for (const CatalogEntry& entry : catalog.entries) {
      EXPECT_FALSE(entry.numbers.empty()) << entry.name;
      for (const auto& [key, value] : entry.numbers) EXPECT_GT(value, 0) << entry.name << " " << key;
    }
  }
}

// Instance sizes in one family scale with their price: a typo in a price
// shows up as a different price per vCPU within a family.
TEST(PriceCatalogTest, InstancePricesScaleWithinAFamily) {
  for (const PriceCatalog& catalog : BuiltInCatalogs()) {
    if (catalog.kind != "instances") continue;
    std::map<std::string, double> per_vcpu;
    for (const CatalogEntry& entry : catalog.entries) {
      // m5.2xlarge -> m5; n2-highmem-8 -> n2-highmem; Standard_E8ds_v5 -> Standard_Eds_v5.
      std::string family;
      if (catalog.provider == "aws") family = entry.name.substr(0, entry.name.find('.'));
      if (catalog.provider == "gcp") family = entry.name.substr(0, entry.name.rfind('-'));
      if (catalog.provider == "azure") {
        if (entry.name.size() < 3 || entry.name.substr(entry.name.size() - 3) != "_v5") continue;  // v2 sizes differ
        for (char c : entry.name) {
          if (!std::isdigit(static_cast<unsigned char>(c))) family += c;
        }
      }
      double rate = entry.Number("usd_per_hour") / entry.Number("vcpu");
      auto [it, inserted] = per_vcpu.emplace(family, rate);
      if (!inserted) EXPECT_NEAR(rate / it->second, 1.0, 0.02) << catalog.file << " " << entry.name;
    }
  }
}

TEST(PriceCatalogTest, ParsesAUserCatalog) {
  PriceCatalog catalog;
  std::string error;
  ASSERT_TRUE(ParsePriceCatalog(kValid, "mine.json", &catalog, &error)) << error;
  EXPECT_EQ(catalog.provider, "aws");
  EXPECT_EQ(catalog.effective_date, "2025-01-15");
  ASSERT_NE(catalog.Find("m5.2xlarge"), nullptr);
  EXPECT_DOUBLE_EQ(catalog.Find("m5.2xlarge")->Number("usd_per_hour"), 0.5);
  EXPECT_EQ(catalog.Find("m5.4xlarge"), nullptr);
}

TEST(PriceCatalogTest, SyntaxErrorNamesFileLineAndColumn) {
  std::string error = ParseError("{\n  \"provider\": \"aws\",\n  oops\n}");
  EXPECT_EQ(error.rfind("mine.json: not valid JSON: parse error at line 3, column 3", 0), 0u) << error;
}

TEST(PriceCatalogTest, SchemaErrorsNameThePosition) {
  std::string text = kValid;
  std::string bad_price = text;
  bad_price.replace(bad_price.find("0.5"), 3, "-1");
  EXPECT_EQ(
      ParseError(bad_price),
      "mine.json: entries[1].usd_per_hour: expected a positive number below 100000, got -1 (entry \"m5.2xlarge\")");
  std::string missing = text;
  missing.replace(missing.find("\"vcpu\": 8, "), 11, "");
  EXPECT_EQ(ParseError(missing), "mine.json: entries[1].vcpu: expected a number (entry \"m5.2xlarge\")");
  std::string date = text;
  date.replace(date.find("2025-01-15"), 10, "2025-02-30");
  EXPECT_EQ(ParseError(date), "mine.json: effective_date: expected a date YYYY-MM-DD, got \"2025-02-30\"");
  std::string source = text;
  source.replace(source.find("\"https://example.com/prices\""), 28, "[]");
  EXPECT_EQ(ParseError(source), "mine.json: source: expected a URL or a non-empty array of URLs");
  std::string kind = text;
  kind.replace(kind.find("\"instances\""), 11, "\"vms\"");
  EXPECT_EQ(ParseError(kind).rfind("mine.json: kind: unknown \"vms\" (known: instances, ", 0), 0u);
  std::string duplicate = text;
  duplicate.replace(duplicate.find("x1.large"), 8, "m5.2xlarge");
  EXPECT_EQ(ParseError(duplicate), "mine.json: entries[1]: duplicate of entries[0] (\"m5.2xlarge\")");
  std::string typo = text;
  typo.replace(typo.find("\"usd_per_hour\": 0.1"), 19, "\"usd_per_hour\": 0.1, \"cores\": null");
  EXPECT_EQ(ParseError(typo),
            "mine.json: entries[0].cores: expected a positive number or a string, got null (entry \"x1.large\")");
  EXPECT_EQ(ParseError("[1, 2]"), "mine.json: expected a JSON object (a price catalog, see docs/cost.md)");
}

TEST(PriceCatalogTest, UserCatalogOverridesBuiltIn) {
  PriceBook book;
  PriceBook::Match builtin = book.Find("aws", "instances", "m5.2xlarge");
  ASSERT_TRUE(builtin);
  EXPECT_DOUBLE_EQ(builtin.entry->Number("usd_per_hour"), 0.384);
  EXPECT_EQ(builtin.catalog->file, "aws-ec2.json");
  std::string error;
  ASSERT_TRUE(book.AddUserCatalog(kValid, "mine.json", &error)) << error;
  PriceBook::Match user = book.Find("aws", "instances", "m5.2xlarge");
  ASSERT_TRUE(user);
  EXPECT_DOUBLE_EQ(user.entry->Number("usd_per_hour"), 0.5);
  EXPECT_TRUE(user.catalog->user);
  // Types the user catalog lacks still come from the built-in ones.
  EXPECT_TRUE(book.Find("aws", "instances", "r5.xlarge"));
  EXPECT_FALSE(book.Find("aws", "instances", "z9.mega"));
  EXPECT_FALSE(book.Find("azure", "instances", "m5.2xlarge"));
}

TEST(PriceCatalogTest, DbuRatesMatchCloudAndTier) {
  PriceBook book;
  PriceBook::Match aws =
      book.FindWith("databricks", "dbu_rates", "jobs_compute", {{"cloud", "aws"}, {"tier", "premium"}});
  PriceBook::Match azure =
      book.FindWith("databricks", "dbu_rates", "jobs_compute", {{"cloud", "azure"}, {"tier", "premium"}});
  ASSERT_TRUE(aws);
  ASSERT_TRUE(azure);
  EXPECT_DOUBLE_EQ(aws.entry->Number("usd_per_dbu"), 0.15);
  EXPECT_DOUBLE_EQ(azure.entry->Number("usd_per_dbu"), 0.30);
}

}  // namespace
}  // namespace sparkdx::cost
